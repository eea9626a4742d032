// Browser journey: World Café. The journeys' signed-in person organises a World Café event,
// sets the café up (a first try with 0 rounds is refused, the questions kept), adds eleven
// people by name, plans three rounds, opens the printable itineraries (print media hides the
// site's header) and table sheets, starts the live screen (its timer counts down), a host
// types a harvest from a phone through the table's link (the page in French, then in
// English), and the synthesis shows it, first to the organiser, then to everyone once
// published. axe-core on every café page. Nobody new signs up (the sign-up throttle of one
// address is kept for the other journeys). Called by journeys.mjs with its toolkit.

export async function run(kit) {
  const { BASE, browser, CONTEXT, anonymous, page: p, stamp, step, go, expect, checkPage, visitAndCheck } = kit;
  const title = `Café des transitions ${stamp}`;
  let eventUrl = "";
  let cafeUrl = "";
  let tableLink = "";
  const submit = async (page, selector) => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };
  const local = (days, hours) => {
    const d = new Date(Date.now() + days * 86_400_000 + hours * 3_600_000);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };

  await step("world café: a World Café event", async () => {
    const structure = `Tiers-lieu ${stamp}`;
    await go(p, "/structures/nouvelle");
    await p.fill("#name", structure);
    await p.selectOption("#kind", "association");
    await p.fill("#territory", "Brest");
    await submit(p, "main form button[type=submit]");
    await go(p, "/evenements/nouveau");
    await p.selectOption("#kind", "world_cafe");
    // The organiser is a list or a set of boxes, depending on how many structures one manages.
    if ((await p.locator("select#organiser").count()) > 0) {
      await p.selectOption("#organiser", { label: structure });
    } else {
      await p.getByLabel(structure, { exact: true }).check();
    }
    await p.fill("#title", title);
    await p.fill("#starts_at", local(5, 0));
    await p.fill("#ends_at", local(5, 3));
    await p.fill("#address", "Les Capucins");
    await p.fill("#commune", "Brest");
    await submit(p, "main form[action='/evenements'] button[type=submit]");
    eventUrl = new URL(p.url()).pathname;
    expect(/^\/evenements\/[0-9a-f-]{36}$/.test(eventUrl), "world café: the event has its page", eventUrl);
    cafeUrl = `${eventUrl}/cafe`;
    expect((await p.locator(`a[href='${cafeUrl}']`).count()) === 1, "world café: the event page leads to the café");
  });

  await step("world café: settings, refused then saved", async () => {
    if (!eventUrl) return;
    await visitAndCheck(p, cafeUrl, "café settings");
    await p.fill("#questions", "Qu’est-ce qui marche déjà ?\nQu’est-ce qui manque ?\nQue fait-on demain ?");
    await p.check("#layout-size");
    await p.fill("#table_size", "4");
    await p.fill("#rounds", "0");
    await p.fill("#minutes", "20");
    await submit(p, `main form[action='${cafeUrl}'] button[type=submit]`);
    expect((await p.locator("#rounds-error").innerText()).includes("au moins un tour"), "world café: 0 rounds is refused in words");
    expect((await p.inputValue("#questions")).includes("Que fait-on demain ?"), "world café: the questions are kept");
    await checkPage(p, "café settings with errors");
    await p.fill("#rounds", "3");
    await submit(p, `main form[action='${cafeUrl}'] button[type=submit]`);
    expect(new URL(p.url()).pathname === cafeUrl, "world café: settings saved");
  });

  await step("world café: participants added by name, the rotation planned", async () => {
    if (!eventUrl) return;
    await go(p, `${cafeUrl}/participants`);
    const sectors = ["public", "prive", "associatif", "citoyen"];
    for (let i = 0; i < 12; i++) {
      await p.fill("#name", `Personne ${i + 1}`);
      await p.selectOption("#sector", sectors[i % 4]);
      await submit(p, `main form[action='${cafeUrl}/participants'] button[type=submit]`);
    }
    expect((await p.locator("main").innerText()).includes("12 participants"), "world café: twelve participants");
    await checkPage(p, "café participants");
    await go(p, `${cafeUrl}/plan`);
    await submit(p, `main form[action='${cafeUrl}/plan'] button[type=submit]`);
    expect((await p.locator("#repeated-pairs").count()) === 1, "world café: the plan's report is shown");
    expect((await p.locator(".cafe-tables").count()) === 3, "world café: three rounds");
    await checkPage(p, "café plan");
  });

  await step("world café: printable itineraries and table sheets", async () => {
    if (!eventUrl) return;
    await visitAndCheck(p, `${cafeUrl}/itineraires`, "café itineraries");
    expect((await p.locator(".cafe-itinerary").count()) === 12, "world café: an itinerary per person");
    await p.emulateMedia({ media: "print" });
    expect(!(await p.locator(".site-header").isVisible()), "world café: printing hides the site's header");
    await p.emulateMedia({ media: "screen" });
    await visitAndCheck(p, `${cafeUrl}/tables`, "café table sheets");
    tableLink = await p.locator(".cafe-link").first().getAttribute("href");
    expect(tableLink && tableLink.includes("/cafe/table/1/"), "world café: table 1 has its link", tableLink);
  });

  await step("world café: the live screen counts down", async () => {
    if (!eventUrl) return;
    await go(p, `${cafeUrl}/direct`);
    await submit(p, "button[name=action][value=start]");
    expect((await p.locator(".cafe-round").innerText()).includes("Tour 1 sur 3"), "world café: round 1 runs");
    const first = await p.locator(".cafe-timer").innerText();
    expect(/^\d\d:\d\d$/.test(first), "world café: a timer", first);
    await p.waitForTimeout(2200);
    const later = await p.locator(".cafe-timer").innerText();
    expect(later !== first, "world café: the timer counts down", `${first} → ${later}`);
    await checkPage(p, "café live screen");
  });

  await step("world café: a host types the harvest from a phone, in French then English", async () => {
    if (!tableLink) return;
    const phone = await (await browser.newContext({ ...CONTEXT, viewport: { width: 360, height: 740 } })).newPage();
    // The token is in the query (paths are logged).
    const link = new URL(tableLink, BASE);
    expect(link.searchParams.get("jeton"), "world café: the table's token is in the query", tableLink);
    await go(phone, link.pathname + link.search);
    await checkPage(phone, "café harvest (table link)");
    expect((await phone.locator("#round").innerText()).includes("Tour 1"), "world café: the live round is chosen");
    await phone.fill("#body", "Une **ressourcerie** marche déjà au Relecq.");
    await submit(phone, "main form button[type=submit]");
    expect((await phone.locator("main").innerText()).includes("Récolte enregistrée"), "world café: the harvest is saved");
    await Promise.all([phone.waitForNavigation(), phone.click("form[action='/langue'] button")]);
    expect((await phone.getAttribute("html", "lang")) === "en", "world café: the harvest page in English");
    expect((await phone.locator("h1").innerText()).includes("Harvest of table 1"), "world café: the heading in English");
    await checkPage(phone, "café harvest in English");
    await phone.context().close();
  });

  await step("world café: the synthesis, then published", async () => {
    if (!eventUrl) return;
    const synthesis = `${cafeUrl}/synthese`;
    expect((await go(anonymous, synthesis)) === 404, "world café: the synthesis is private before publication");
    await visitAndCheck(p, synthesis, "café synthesis (organiser)");
    expect((await p.locator("main strong").allInnerTexts()).includes("ressourcerie"), "world café: the harvest shows");
    await submit(p, "button[name=publish][value=yes]");
    await visitAndCheck(anonymous, synthesis, "café synthesis (public)");
    expect((await anonymous.locator("main").innerText()).includes("Qu’est-ce qui marche déjà ?"), "world café: gathered by question");
    const csv = await anonymous.request.get(BASE + `${synthesis}.csv`);
    expect(csv.headers()["content-type"].startsWith("text/csv"), "world café: a CSV export");
    await go(p, `${cafeUrl}/direct`);
    await submit(p, "button[name=action][value=end]");
  });
}
