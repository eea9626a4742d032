// Browser journey: défis and hackathons. The journeys' signed-in person manages a structure and
// posts a défi by keyboard (a first try without a question is refused, the title kept), then
// adds the admin's structure as a co-owner, whose manager (the admin) may then edit it. The
// person organises a hackathon, sets it up (team size, the défi); both register and tell their
// attributes, the admin in English; the organiser forms the teams with the planner, adjusts
// them by keyboard (the admin moves to a new team, team 1 gets the défi) and publishes them; the
// admin fills their team's workspace (a first try with an http link is refused, the pitch
// kept), which anyone then reads. axe-core on the catalogue, the défi form (empty and with
// errors), a défi, the settings, the participant form (French and English), the teams and the
// workspace. Nobody new signs up: the sign-up throttle of one address is kept for the others.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { admin, anonymous, page: p, stamp, step, go, expect, checkPage, visitAndCheck } = kit;
  const filiere = `Filière zéro gaspi ${stamp}`;
  const mairie = `Mairie de Landerneau ${stamp}`;
  const defiTitle = `Cantines sans gaspillage ${stamp}`;
  let defiUrl = "";
  let eventUrl = "";
  const submit = async (page, selector) => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };
  const enter = async (page, selector) => {
    await page.focus(selector);
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  };
  const local = (days, hours) => {
    const d = new Date(Date.now() + days * 86_400_000 + hours * 3_600_000);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };
  const structure = async (page, name, kind) => {
    await go(page, "/structures/nouvelle");
    await page.fill("#name", name);
    await page.selectOption("#kind", kind);
    await page.fill("#territory", "Brest");
    await submit(page, "main form button[type=submit]");
  };

  await step("défis: the catalogue, anonymous", async () => {
    await visitAndCheck(anonymous, "/defis", "défis catalogue");
  });

  await step("défis: a manager posts a défi by keyboard, refused then published, with a co-owner", async () => {
    await structure(p, filiere, "association");
    await structure(admin, mairie, "association");
    await visitAndCheck(p, "/defis/nouveau", "défi form");
    await p.getByLabel(filiere, { exact: true }).check();
    await p.focus("#title");
    await p.keyboard.type(defiTitle);
    await p.fill("#context", "Un repas sur quatre part à la **poubelle**.");
    await p.check("#challenges");
    await enter(p, "main form[action='/defis'] button[type=submit]");
    expect((await p.locator("main").innerText()).includes("Posez la question"), "défis: the missing question is explained");
    expect((await p.inputValue("#title")) === defiTitle, "défis: the title is kept");
    await checkPage(p, "défi form with errors");
    await p.fill("#question", "Comment ne plus jeter un repas sur quatre ?");
    await p.fill("#territory", "Finistère");
    await enter(p, "main form[action='/defis'] button[type=submit]");
    defiUrl = new URL(p.url()).pathname;
    expect(/^\/defis\/[0-9a-f-]{36}$/.test(defiUrl), "défis: the défi has its page", defiUrl);
    await checkPage(p, "défi page (owner)");
    await p.fill("#structure", mairie);
    await enter(p, `form[action='${defiUrl}/coproprietaires'] button[type=submit]`);
    expect((await p.locator("main").innerText()).includes(mairie), "défis: the co-owner is listed");
    await visitAndCheck(admin, `${defiUrl}/modifier`, "défi edit form (co-owner)");
    await visitAndCheck(anonymous, defiUrl, "défi page (anonymous)");
  });

  await step("hackathons: an organiser configures the hackathon", async () => {
    if (!defiUrl) return;
    await go(p, "/evenements/nouveau");
    await p.selectOption("#kind", "hackathon");
    await p.getByLabel(filiere, { exact: true }).check();
    await p.fill("#title", `Hackathon zéro gaspi ${stamp}`);
    await p.fill("#starts_at", local(5, 0));
    await p.fill("#ends_at", local(6, 0));
    await p.fill("#online_url", "https://visio.exemple.fr/hackathon");
    await enter(p, "main form[action='/evenements'] button[type=submit]");
    eventUrl = new URL(p.url()).pathname;
    expect(/^\/evenements\/[0-9a-f-]{36}$/.test(eventUrl), "hackathons: the event has its page", eventUrl);
    await visitAndCheck(p, `${eventUrl}/hackathon/reglages`, "hackathon settings");
    await p.fill("#team_size", "2");
    await p.getByLabel(defiTitle, { exact: true }).check();
    await enter(p, "main form button[type=submit]");
    expect((await p.locator("main").innerText()).includes(defiTitle), "hackathons: the défi is gathered");
    await checkPage(p, "hackathon page (organiser)");
  });

  await step("hackathons: participants register with their attributes, in French and English", async () => {
    if (!eventUrl) return;
    await go(p, eventUrl);
    await submit(p, `form[action='${eventUrl}/inscription'] button[type=submit]`);
    await visitAndCheck(p, `${eventUrl}/hackathon/participation`, "hackathon participant form");
    await p.selectOption("#sector", "public");
    await p.selectOption("#age_band", "35_49");
    await p.fill("#skills", "Logistique");
    await enter(p, "main form button[type=submit]");
    expect((await p.locator("main").innerText()).includes("Vous participez."), "hackathons: the organiser takes part too");

    await go(admin, eventUrl);
    await submit(admin, `form[action='${eventUrl}/inscription'] button[type=submit]`);
    await go(admin, `${eventUrl}/hackathon/participation`);
    await Promise.all([admin.waitForNavigation(), admin.click("form[action='/langue'] button")]);
    expect((await admin.getAttribute("html", "lang")) === "en", "hackathons: the participant form in English");
    expect((await admin.locator("h1").innerText()).includes("Your profile for the teams"), "hackathons: the heading in English");
    await checkPage(admin, "hackathon participant form in English");
    await admin.selectOption("#sector", "prive");
    await admin.fill("#skills", "Design");
    await enter(admin, "main form button[type=submit]");
    expect((await admin.locator("main").innerText()).includes("You are taking part."), "hackathons: the admin takes part");
    await Promise.all([admin.waitForNavigation(), admin.click("form[action='/langue'] button")]);
  });

  await step("hackathons: teams formed, adjusted by keyboard and published", async () => {
    if (!eventUrl) return;
    const teams = `${eventUrl}/hackathon/equipes`;
    expect((await go(anonymous, teams)) === 404, "hackathons: the teams are the organisers' before publication");
    await visitAndCheck(p, teams, "hackathon teams (empty)");
    await enter(p, `form[action='${teams}/formation'] button[type=submit]`);
    expect((await p.locator("main").innerText()).includes("Une équipe"), "hackathons: one team of two");
    await checkPage(p, "hackathon teams (formed)");
    // By keyboard: the admin's select moves down to « Nouvelle équipe », team 1 gets the défi.
    await p.getByLabel("Équipe de Camille Admin", { exact: true }).focus();
    await p.keyboard.press("ArrowDown");
    await p.focus("#defi-1");
    await p.keyboard.press("ArrowDown");
    await enter(p, "form#teams button[type=submit]");
    const text = await p.locator("main").innerText();
    expect(text.includes("2 équipes"), "hackathons: the admin moved to a new team", text.slice(0, 200));
    expect(text.includes(`Défi : ${defiTitle}`), "hackathons: team 1 works on the défi");
    await enter(p, `form[action='${teams}/publication'] button[type=submit]`);
    expect((await p.locator("main").innerText()).includes("Les équipes sont publiées"), "hackathons: published");
  });

  await step("hackathons: a team fills its workspace, which anyone then reads", async () => {
    if (!eventUrl) return;
    await go(admin, `${eventUrl}/hackathon`);
    await submit(admin, "main a[href*='/hackathon/equipes/']");
    const team = new URL(admin.url()).pathname;
    await checkPage(admin, "hackathon team workspace (member)");
    await admin.fill("#solution_title", "La Gamelle Partagée");
    await admin.fill("#pitch", "Les restes des cantines vers les **épiceries solidaires**.");
    await admin.fill("#prototype_links", "http://exemple.org/gamelle");
    await enter(admin, "main form button[type=submit]");
    expect((await admin.locator("main").innerText()).includes("lien complet en https"), "hackathons: an http link is refused");
    expect((await admin.inputValue("#pitch")).includes("épiceries solidaires"), "hackathons: the pitch is kept");
    await checkPage(admin, "hackathon workspace with errors");
    await admin.fill("#prototype_links", "https://exemple.org/gamelle");
    await enter(admin, "main form button[type=submit]");
    await visitAndCheck(anonymous, team, "hackathon team workspace (public)");
    const shown = await anonymous.locator("main").innerText();
    expect(shown.includes("La Gamelle Partagée"), "hackathons: the workspace is public once published");
    expect((await anonymous.locator("#pitch").count()) === 0, "hackathons: read-only for others");
  });
}
