// Browser journey: the hackathon jury and the incubation of the winner. The journeys' signed-in
// person organises a hackathon through the API (an event, its settings); two people of the
// earlier journeys (the blockers' hacker and the admin) register and tell their attributes;
// the team is formed; the organiser sets criteria by keyboard (a weight of zero is refused, the
// values kept) and names jurors: the exchange journey's helper, and the admin, who is in the
// team and so sees it as not scoreable, with the reason. The helper scores (a score outside the
// scale first: refused, the values kept); the organiser reads the ranking and publishes it
// (public afterwards), puts the team in incubation, posts an update, tries a milestone outside
// the plan (refused, kept), and reads the pages in English too. Non-organisers, non-jurors and
// strangers get 404s. axe-core on every page type. Nobody new signs up.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { BASE, PASSWORD, CONTEXT, browser, admin, anonymous, page: p, stamp, step, go, expect, checkPage, visitAndCheck, tabTo, signIn } = kit;
  const submit = async (page, selector) => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };
  const iso = (days) => new Date(Date.now() + days * 86_400_000).toISOString();
  let eventId = "";
  let teamId = "";
  let incubationPath = "";
  let token = "";
  // The blockers' hacker (in the team, not a juror) and the exchange's helper (a juror).
  let hacker = null;
  let helper = null;
  const api = async (method, path, body) => {
    const r = await fetch(BASE + path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  // The people of earlier journeys, signed in their own browsers.
  const person = async (email) => {
    const context = await browser.newContext(CONTEXT);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signIn(page, email, PASSWORD);
    return page;
  };

  await step("jury: the organiser prepares a hackathon, two people join, the team is formed", async () => {
    await go(p, "/structures/nouvelle");
    await p.fill("#name", `Fabrique des défis ${stamp}`);
    await p.selectOption("#kind", "association");
    await p.fill("#territory", "Brest");
    await submit(p, "main form button[type=submit]");
    const structure = new URL(p.url()).pathname.split("/").pop();
    await go(p, "/compte");
    await p.fill("#token-token_name", `jury ${stamp}`);
    await submit(p, "form[action='/compte/jetons'] button[type=submit]");
    const html = await p.content();
    const at = html.indexOf("essaim_");
    token = html.slice(at).match(/^essaim_[A-Za-z0-9_]+/)[0];
    const e = await api("POST", "/api/v1/events", {
      kind: "hackathon", title: `Hackathon du jury ${stamp}`, starts_at: iso(6), ends_at: iso(6.5),
      online_url: "https://visio.exemple.fr/jury", organisers: [structure],
    });
    expect(e.status === 201, "jury: the hackathon is created", JSON.stringify(e.body));
    eventId = e.body.id;
    const s = await api("PUT", `/api/v1/events/${eventId}/hackathon`, { team_size: 2 });
    expect(s.status === 200, "jury: the hackathon's settings", JSON.stringify(s.body));
    hacker = await person(`hacker.${stamp}@exemple.fr`);
    for (const who of [hacker, admin]) {
      await go(who, `/evenements/${eventId}`);
      await submit(who, `form[action='/evenements/${eventId}/inscription'] button[type=submit]`);
      await go(who, `/evenements/${eventId}/hackathon/participation`);
      await submit(who, `main form[action='/evenements/${eventId}/hackathon/participation'] button[type=submit]`);
    }
    const t = await api("POST", `/api/v1/events/${eventId}/hackathon/teams`, {});
    expect(t.status === 200 && t.body.items.length === 1, "jury: one team of two", JSON.stringify(t.body));
    teamId = t.body.items[0].id;
  });

  await step("jury: criteria by keyboard (a weight of zero refused and kept), jurors named", async () => {
    if (!eventId) return;
    const jury = `/evenements/${eventId}/hackathon/jury`;
    await visitAndCheck(p, jury, "jury (organiser)");
    helper = await person(`gwenola.${stamp}@exemple.fr`);
    await visitAndCheck(helper, jury, "jury (not an organiser)", 404);
    await go(p, jury);
    await tabTo(p, "#name");
    await p.keyboard.type("Impact social");
    await p.fill("#weight", "0");
    await p.fill("#scale_min", "0");
    await p.fill("#scale_max", "10");
    await tabTo(p, `form[action='${jury}/criteres'] button[type=submit]`);
    await Promise.all([p.waitForNavigation(), p.keyboard.press("Enter")]);
    expect((await p.locator(".error-summary").innerText()).includes("ni nul ni négatif"), "jury: a weight of zero is refused in words");
    expect((await p.inputValue("#name")) === "Impact social", "jury: the name typed is kept");
    await checkPage(p, "jury with errors");
    await p.fill("#weight", "2");
    await submit(p, `form[action='${jury}/criteres'] button[type=submit]`);
    await p.fill("#name", "Faisabilité");
    await p.fill("#weight", "1");
    await p.fill("#scale_min", "0");
    await p.fill("#scale_max", "5");
    await submit(p, `form[action='${jury}/criteres'] button[type=submit]`);
    for (const email of [`gwenola.${stamp}@exemple.fr`, kit.ADMIN.email]) {
      await p.fill("#email", email);
      await submit(p, `form[action='${jury}/jures'] button[type=submit]`);
    }
    const text = await p.locator("main").innerText();
    expect(text.includes("Gwenola Entraide") && text.includes("Faisabilité"), "jury: criteria and jurors listed");
  });

  await step("jury: the admin, in the team, cannot score it; the helper scores (out of scale first)", async () => {
    if (!teamId || !helper) return;
    const list = `/evenements/${eventId}/hackathon/jury/noter`;
    await visitAndCheck(admin, list, "jury: a juror's teams with a conflict");
    expect((await admin.locator("main").innerText()).includes("Vous êtes membre de cette équipe."), "jury: the reason is shown");
    expect((await admin.locator(`a[href='${list}/${teamId}']`).count()) === 0, "jury: no scoring link for a team in conflict");
    await visitAndCheck(hacker, list, "jury: not a juror", 404);
    await visitAndCheck(helper, list, "jury: a juror's teams");
    await submit(helper, `a[href='${list}/${teamId}']`);
    await checkPage(helper, "jury: score sheet");
    const fields = helper.locator("main form input[id^='score-']");
    expect((await fields.count()) === 2, "jury: one score per criterion");
    await fields.nth(0).fill("12");
    await fields.nth(1).fill("4");
    await helper.locator("main form textarea[id^='comment-']").nth(0).fill("Très convaincant");
    await submit(helper, "main form button[type=submit]");
    expect((await helper.locator(".error-summary").innerText()).includes("en dehors de l’échelle"), "jury: a score outside the scale is refused");
    expect((await fields.nth(0).inputValue()) === "12", "jury: the score typed is kept");
    expect((await helper.locator("main form textarea[id^='comment-']").nth(0).inputValue()) === "Très convaincant", "jury: the comment is kept");
    await checkPage(helper, "jury: score sheet with errors");
    await fields.nth(0).fill("9");
    await submit(helper, "main form button[type=submit]");
    expect((await helper.locator("main").innerText()).includes("notée"), "jury: the team is scored");
  });

  await step("jury: the ranking, published, public; the winner incubated", async () => {
    if (!teamId) return;
    const results = `/evenements/${eventId}/hackathon/resultats`;
    await visitAndCheck(anonymous, results, "results before publication", 404);
    await visitAndCheck(p, results, "results (organiser)");
    expect((await p.locator("main").innerText()).includes("86,67"), "jury: the mean of the one juror, (2×90 + 80) / 3");
    await submit(p, `form[action='${results}/publication'] button[type=submit]`);
    await visitAndCheck(anonymous, results, "results (public)");
    await submit(p, `form[action='/evenements/${eventId}/hackathon/incubation'] button[type=submit]`);
    incubationPath = new URL(p.url()).pathname;
    expect(/^\/incubations\/[0-9a-f-]{36}$/.test(incubationPath), "jury: the incubation has its page", incubationPath);
    await checkPage(p, "incubation");
  });

  await step("incubation: an update, a milestone outside the plan refused and kept, in English too", async () => {
    if (!incubationPath) return;
    await p.fill("#body", "Premier rendez-vous avec la cantine.");
    await submit(p, `form[action='${incubationPath}/nouvelles'] button[type=submit]`);
    expect((await p.locator("main").innerText()).includes("Premier rendez-vous avec la cantine."), "incubation: the update is posted");
    await p.fill("#title", "Forum des usagers");
    await p.fill("#due_on", "2099-01-01");
    await submit(p, `form[action='${incubationPath}/jalons'] button[type=submit]`);
    expect((await p.locator(".error-summary").innerText()).includes("dans le plan"), "incubation: a date outside the plan is refused");
    expect((await p.inputValue("#title")) === "Forum des usagers", "incubation: the title typed is kept");
    await checkPage(p, "incubation with errors");
    await visitAndCheck(p, "/incubations", "incubations list");
    await visitAndCheck(helper, incubationPath, "incubation (a stranger)", 404);
    await visitAndCheck(hacker, incubationPath, "incubation (the team)");
    await helper.context().close();
    await hacker.context().close();
    await Promise.all([p.waitForNavigation(), p.click("form[action='/langue'] button")]);
    await go(p, incubationPath);
    expect((await p.getAttribute("html", "lang")) === "en", "incubation: the page in English");
    expect((await p.locator("main").innerText()).includes("Milestones"), "incubation: headings in English");
    await checkPage(p, "incubation in English");
    await visitAndCheck(p, `/evenements/${eventId}/hackathon/resultats`, "results in English");
    expect((await p.locator("main").innerText()).includes("Ranking without normalisation"), "jury: the results in English");
    await Promise.all([p.waitForNavigation(), p.click("form[action='/langue'] button")]);
    expect((await p.getAttribute("html", "lang")) === "fr", "back in French");
  });
}
