// Browser journey of the network (réseau): an incubator's manager signs the banner, applies for
// a support label, the committee (the admin, who acts as committee) grants it; the incubator
// offers to accompany a published initiative, whose team (the admin again: admins edit every
// initiative) accepts, and logs a meeting. axe-core on every page type on the way.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { BASE, CONTEXT, browser, admin, anonymous, stamp, step, go, expect, checkPage, visitAndCheck, signIn, signUpAndConfirm, PASSWORD } = kit;
  const inc = await (await browser.newContext(CONTEXT)).newPage();
  const email = `morgane.${stamp}@exemple.fr`;
  let structurePath = "";
  let labelPath = "";
  let accompanimentPath = "";
  const submit = async (p, form) => {
    await Promise.all([p.waitForNavigation(), p.click(`form[action$='${form}'] button[type=submit]`)]);
  };

  await step("network: an incubator signs the banner", async () => {
    await signUpAndConfirm(inc, email, "Morgane Incubatrice");
    await signIn(inc, email, PASSWORD);
    await go(inc, "/structures/nouvelle");
    await inc.fill("#name", `Incubateur du Ponant ${stamp}`);
    await inc.selectOption("#kind", { index: 1 });
    await inc.fill("#territory", "Brest");
    await Promise.all([inc.waitForNavigation(), inc.click("main form button[type=submit]")]);
    structurePath = new URL(inc.url()).pathname;
    expect(/^\/structures\/[0-9a-f-]{36}$/.test(structurePath), "the incubator has its page", structurePath);

    await go(inc, `${structurePath}/reseau`);
    await checkPage(inc, "network page of a structure (manager)");
    await submit(inc, "/banniere");
    expect((await inc.locator(".error-summary a").count()) === 3, "the three answers are asked for");
    await checkPage(inc, "banner form with errors");
    await inc.fill("#banner-general_interest", "Nous aidons les projets qui servent tout le pays de Brest.");
    await inc.fill("#banner-governance", "Porteurs et salariés décident ensemble, **à parts égales**.");
    await inc.fill("#banner-openness", "Nos guides sont sous licence libre, nos données ouvertes.");
    await submit(inc, "/banniere");
    expect((await inc.locator("main").innerText()).includes("Signataire de la bannière"), "the banner shows on the page");
  });

  await step("network: the incubator applies for a label, the committee grants it", async () => {
    await go(inc, `${structurePath}/reseau`);
    await inc.selectOption("#apply-kind", "support");
    await inc.fill("#apply-motivation", "Nous accompagnons vingt projets par an depuis 2015.");
    await submit(inc, "/labels");
    labelPath = new URL(inc.url()).pathname;
    expect(/^\/reseau\/labels\/[0-9a-f-]{36}$/.test(labelPath), "the application has its page", labelPath);
    await checkPage(inc, "label application (applicant)");

    await visitAndCheck(admin, "/reseau/labels", "labelling committee queue");
    expect((await admin.locator(`a[href='${labelPath}']`).count()) > 0, "the queue lists the application");
    await go(admin, labelPath);
    await checkPage(admin, "label review (committee)");
    await admin.fill("#comment-body", "Combien de projets suivis jusqu'au bout ?");
    await submit(admin, "/commentaires");
    await admin.check("#decision-decision");
    await submit(admin, "/decision");
    expect((await admin.locator(".status-line").innerText()).includes("valable jusqu"), "the label is granted", await admin.locator(".status-line").innerText());
    await go(anonymous, structurePath);
    expect((await anonymous.locator("main").innerText()).includes("Structure d’accompagnement labellisée"), "the badge shows on the structure's page");
    await checkPage(anonymous, "structure with its badges (visitor)");
  });

  await step("network: the incubator accompanies an initiative and logs a meeting", async () => {
    await go(anonymous, "/initiatives");
    const href = await anonymous.locator("main a[href^='/initiatives/']").evaluateAll((links) =>
      links.map((a) => a.getAttribute("href")).find((h) => /^\/initiatives\/[0-9a-f-]{36}$/.test(h)));
    expect(Boolean(href), "a published initiative to accompany");
    await go(inc, `${structurePath}/reseau`);
    await inc.fill("#propose-initiative", BASE + href);
    await inc.fill("#propose-message", "Dix-huit mois d'accompagnement, si vous le voulez bien.");
    await submit(inc, "/accompagnements");
    accompanimentPath = new URL(inc.url()).pathname;
    expect(/^\/reseau\/accompagnements\/[0-9a-f-]{36}$/.test(accompanimentPath), "the proposal has its page", accompanimentPath);
    await checkPage(inc, "accompaniment (proposed)");

    await go(admin, accompanimentPath);
    await Promise.all([admin.waitForNavigation(), admin.click("button[value=accept]")]);
    expect((await admin.locator(".status-line").innerText()).includes("en cours"), "accepted");

    await go(inc, accompanimentPath);
    await inc.selectOption("#entry-kind", "meeting");
    await inc.fill("#entry-body", "Premier rendez-vous : état des lieux et budget.");
    await submit(inc, "/journal");
    expect((await inc.locator("#journal").locator("..").innerText()).includes("Premier rendez-vous"), "the meeting is in the log");
    await checkPage(inc, "accompaniment with its log");
    const status = await go(anonymous, accompanimentPath);
    expect(new URL(anonymous.url()).pathname === "/connexion" || status === 403, "the log is not public", `${status} ${anonymous.url()}`);
    await visitAndCheck(anonymous, "/reseau", "network overview");
    await visitAndCheck(anonymous, `${structurePath}/reseau`, "network page of a structure (visitor)");
  });
}
