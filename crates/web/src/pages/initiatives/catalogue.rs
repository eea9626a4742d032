//! The catalogue: search, facets with counts, sorting, numbered pages, and its Atom feed.

use super::challenge_name;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::pages::PageCtx;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use essaim_domain::initiative::{Stage, StructureRole};
use essaim_domain::search::highlight::highlight;
use essaim_domain::search::SearchQuery;
use essaim_domain::territory::{TerritoryLevel, TerritoryRef};
use essaim_store::{CataloguePage, CatalogueQuery, Initiative, Page, Sort};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

pub const PER_PAGE: i64 = 20;

/// The catalogue's query string, in French for pages (`defi`, `etape`, `tri`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CatalogueParams {
    pub q: String,
    pub defi: String,
    pub region: String,
    pub departement: String,
    pub etape: String,
    pub role: String,
    pub tri: String,
    pub page: Option<i64>,
}

/// Turns parameters into a store query. Unknown values are refused (400) rather than ignored,
/// so that a mistyped link does not silently show everything.
pub fn catalogue_query(p: &CatalogueParams, per_page: i64) -> Result<CatalogueQuery, AppError> {
    let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let stage = match opt(&p.etape) {
        Some(s) => Some(Stage::parse(&s).map_err(|i| AppError::BadRequest(i.code))?),
        None => None,
    };
    let structure_role = match opt(&p.role) {
        Some(s) => Some(StructureRole::parse(&s).map_err(|i| AppError::BadRequest(i.code))?),
        None => None,
    };
    let sort = match opt(&p.tri) {
        Some(s) => Sort::parse(&s).ok_or(AppError::BadRequest("sort_invalid"))?,
        None => Sort::Relevance,
    };
    let search = opt(&p.q)
        .map(|q| SearchQuery::parse(&q))
        .filter(|q| !q.is_empty());
    let page = p.page.unwrap_or(1).clamp(1, 10_000);
    Ok(CatalogueQuery {
        search,
        challenge: opt(&p.defi),
        region: opt(&p.region),
        departement: opt(&p.departement),
        stage,
        structure_role,
        statuses: vec![],
        sort,
        page: Some(Page {
            limit: per_page,
            offset: (page - 1) * per_page,
        }),
    })
}

fn pieces(text: &str, stems: &[String]) -> Vec<Value> {
    highlight(text, stems)
        .into_iter()
        .map(|(text, hit)| context! { text, hit })
        .collect()
}

/// Facet values with names and the link that applies them (or removes them when active).
fn facet_links(
    state: &AppState,
    locale: Locale,
    p: &CatalogueParams,
    page: &CataloguePage,
    challenges: &[essaim_domain::initiative::Challenge],
) -> Value {
    let link = |key: &str, value: &str| {
        let mut q = p.clone();
        q.page = None;
        let slot = match key {
            "defi" => &mut q.defi,
            "region" => &mut q.region,
            "departement" => &mut q.departement,
            "etape" => &mut q.etape,
            _ => &mut q.role,
        };
        *slot = if slot == value {
            String::new()
        } else {
            value.to_owned()
        };
        format!(
            "/initiatives?{}",
            serde_urlencoded::to_string(&q).unwrap_or_default()
        )
    };
    let territory_name = |level: TerritoryLevel, code: &str| {
        state
            .territories
            .get(&TerritoryRef {
                level,
                code: code.to_owned(),
            })
            .map(|t| t.name.clone())
            .unwrap_or_else(|| code.to_owned())
    };
    let entries = |key: &str,
                   list: &[(String, i64)],
                   name: &dyn Fn(&str) -> String,
                   active: &str|
     -> Vec<Value> {
        list.iter()
            .map(|(value, count)| context! { value, count, name => name(value), href => link(key, value), active => value == active })
            .collect()
    };
    let f = &page.facets;
    context! {
        challenges => entries("defi", &f.challenges, &|c| challenges.iter().find(|ch| ch.code == c).map(|ch| challenge_name(ch, locale).to_owned()).unwrap_or_else(|| c.to_owned()), &p.defi),
        regions => entries("region", &f.regions, &|c| territory_name(TerritoryLevel::Region, c), &p.region),
        departements => entries("departement", &f.departements, &|c| format!("{} ({c})", territory_name(TerritoryLevel::Departement, c)), &p.departement),
        stages => entries("etape", &f.stages, &|s| state.i18n.t(locale, &format!("stage-{s}")), &p.etape),
        roles => entries("role", &f.structure_roles, &|r| state.i18n.t(locale, &format!("structure-role-{r}")), &p.role),
    }
}

fn item_view(state: &AppState, i: &Initiative, stems: &[String]) -> Value {
    context! {
        id => i.id.to_string(),
        title => pieces(&i.content.title, stems),
        summary => pieces(&i.content.summary, stems),
        stage => i.content.stage.as_str(),
        territories => super::territory_views(state, &i.content.territories),
        updated_at => i.updated_at.to_rfc3339(),
        licence => i.content.licence.as_str(),
    }
}

pub async fn catalogue(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(p): Query<CatalogueParams>,
) -> Result<Response, AppError> {
    let query = catalogue_query(&p, PER_PAGE)?;
    let result = state.catalogue.page(&*state.store, &query).await?;
    let challenges = state.catalogue.challenges(&*state.store).await?;
    let stems = query
        .search
        .as_ref()
        .map(|s| s.highlight_stems())
        .unwrap_or_default();
    let items: Vec<Value> = result
        .items
        .iter()
        .map(|i| item_view(&state, i, &stems))
        .collect();
    let page_no = p.page.unwrap_or(1).max(1);
    let pages = ((result.total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page_links: Vec<Value> = (1..=pages)
        .filter(|n| *n == 1 || *n == pages || (n - page_no).abs() <= 2)
        .map(|n| {
            let mut q = p.clone();
            q.page = Some(n);
            context! { number => n, href => format!("/initiatives?{}", serde_urlencoded::to_string(&q).unwrap_or_default()), current => n == page_no }
        })
        .collect();
    let mut feed = p.clone();
    feed.page = None;
    // The map shows the current selection: its counts are the département facet, already
    // computed, so the page makes no second pass over the initiatives.
    let counts = result.facets.departements.clone();
    let map =
        crate::pages::initiatives::catalogue::departement_map(&state, ctx.locale, &p, &counts);
    Ok(ctx.render(
        &state,
        "initiatives/catalogue.html",
        context! {
            items, total => result.total, page => page_no, pages, page_links,
            params => p.clone(),
            searched => query.search.is_some(),
            ignored_search => !p.q.trim().is_empty() && query.search.is_none(),
            facets => facet_links(&state, ctx.locale, &p, &result, &challenges),
            challenges => challenges.iter().map(|c| context! { code => c.code, name => challenge_name(c, ctx.locale) }).collect::<Vec<_>>(),
            stages => Stage::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            feed_href => format!("/initiatives/flux.atom?{}", serde_urlencoded::to_string(&feed).unwrap_or_default()),
            map,
        },
    ))
}

/// The map of départements coloured by published initiatives, each a link filtering the
/// catalogue on it.
pub fn departement_map(
    state: &AppState,
    locale: Locale,
    p: &CatalogueParams,
    counts: &[(String, i64)],
) -> String {
    let counts: std::collections::HashMap<String, i64> = counts.iter().cloned().collect();
    // One encoding of the query for the hundred links; codes are letters and digits.
    const CODE: &str = "DEPARTEMENT";
    let mut q = p.clone();
    q.page = None;
    q.departement = CODE.to_owned();
    let base = format!(
        "/initiatives?{}",
        serde_urlencoded::to_string(&q).unwrap_or_default()
    );
    let href = |code: &str| {
        base.replacen(
            &format!("departement={CODE}"),
            &format!("departement={code}"),
            1,
        )
    };
    let label = |name: &str, n: i64| {
        state.i18n.format(locale, "map-label", &{
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("name", name.to_owned());
            args.set("count", n);
            args
        })
    };
    crate::map::choropleth(&counts, &href, &label, &state.i18n.t(locale, "map-title"))
}

/// An Atom feed of any catalogue search, newest first.
pub async fn feed(
    State(state): State<AppState>,
    locale: Locale,
    Query(mut p): Query<CatalogueParams>,
) -> Result<Response, AppError> {
    p.tri = "recent".into();
    p.page = None;
    let query = catalogue_query(&p, 50)?;
    let result = state.catalogue.page(&*state.store, &query).await?;
    let base = &state.config.base_url;
    let updated = result
        .items
        .first()
        .map(|i| i.updated_at)
        .unwrap_or_else(essaim_store::utc_now);
    let self_href = format!(
        "{base}/initiatives/flux.atom?{}",
        serde_urlencoded::to_string(&p).unwrap_or_default()
    );
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!(
        "<title>{}</title>\n",
        xml_escape(&state.i18n.t(locale, "feed-title"))
    ));
    xml.push_str(&format!(
        "<id>{}</id>\n<link rel=\"self\" href=\"{}\"/>\n",
        xml_escape(&self_href),
        xml_escape(&self_href)
    ));
    xml.push_str(&format!("<updated>{}</updated>\n", updated.to_rfc3339()));
    for i in &result.items {
        let href = format!("{base}/initiatives/{}", i.id);
        xml.push_str("<entry>\n");
        xml.push_str(&format!(
            "<title>{}</title>\n<id>urn:uuid:{}</id>\n<link href=\"{}\"/>\n",
            xml_escape(&i.content.title),
            i.id,
            xml_escape(&href)
        ));
        xml.push_str(&format!(
            "<updated>{}</updated>\n<published>{}</published>\n",
            i.updated_at.to_rfc3339(),
            i.created_at.to_rfc3339()
        ));
        xml.push_str(&format!(
            "<summary>{}</summary>\n",
            xml_escape(&i.content.summary)
        ));
        xml.push_str(&format!(
            "<rights>{}</rights>\n<author><name>Essaim</name></author>\n</entry>\n",
            i.content.licence.as_str()
        ));
    }
    xml.push_str("</feed>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
