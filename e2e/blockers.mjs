// Browser journey: administrative blockers (hackers publics). The admin appoints a public
// hacker for the Finistère; a project holder reports a blocker in Brest; the hacker finds it,
// acknowledges it and marks it unblocked; the aggregate page counts it. axe-core on the list,
// the report form (also with its errors), a blocker (as the hacker), the summary and the
// admins' page of public hackers.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { browser, CONTEXT, admin, anonymous, stamp, step, go, expect, checkPage, visitAndCheck, signIn, signUpAndConfirm, PASSWORD } = kit;
  const reporterContext = await browser.newContext(CONTEXT);
  reporterContext.setDefaultTimeout(10_000);
  const reporter = await reporterContext.newPage();
  const hackerContext = await browser.newContext(CONTEXT);
  hackerContext.setDefaultTimeout(10_000);
  const hacker = await hackerContext.newPage();
  const hackerEmail = `hacker.${stamp}@exemple.fr`;
  const title = `Agrément bloqué ${stamp}`;
  let blockerPath = "";

  await step("blockers: the admin appoints a public hacker for the Finistère", async () => {
    await signUpAndConfirm(hacker, hackerEmail, "Hugo Hacker");
    await signIn(hacker, hackerEmail, PASSWORD);
    await signUpAndConfirm(reporter, `porteuse.${stamp}@exemple.fr`, "Paola Porteuse");
    await signIn(reporter, `porteuse.${stamp}@exemple.fr`, PASSWORD);
    await visitAndCheck(admin, "/blocages/hackers-publics", "blockers: public hackers");
    await admin.fill("#email", hackerEmail);
    await admin.fill("#territory", "departement:29");
    await Promise.all([admin.waitForNavigation(), admin.click("form[action='/blocages/hackers-publics'] button[type=submit]")]);
    const text = await admin.locator("main").textContent();
    expect(text.includes("Hugo Hacker"), "the hacker is listed");
  });

  await step("blockers: a holder reports a blocker in Brest, by keyboard", async () => {
    await visitAndCheck(reporter, "/blocages", "blockers: list");
    await visitAndCheck(reporter, "/blocages/nouveau", "blockers: report form");
    // Sent empty first: the errors are listed and the page stays accessible.
    await Promise.all([reporter.waitForNavigation(), reporter.click("form[action='/blocages'] button[type=submit]")]);
    expect((await reporter.locator(".error-summary li").count()) >= 3, "errors listed");
    await checkPage(reporter, "blockers: report form with errors");
    await reporter.fill("#title", title);
    await reporter.fill("#description", "Le dossier d’agrément **ESUS** attend depuis six mois.");
    await reporter.fill("#administration", "DREETS Bretagne");
    await reporter.fill("#territory", "Brest");
    await reporter.focus("#tried");
    await reporter.keyboard.type("Deux relances.");
    // Private is proposed first; this one is made public, for the anonymous reader below.
    await reporter.check("#visibility-public");
    await reporter.focus("form[action='/blocages'] button[type=submit]");
    await Promise.all([reporter.waitForNavigation(), reporter.keyboard.press("Enter")]);
    blockerPath = new URL(reporter.url()).pathname;
    expect(/^\/blocages\/[0-9a-f-]{36}$/.test(blockerPath), "the blocker's page", blockerPath);
  });

  await step("blockers: the hacker acknowledges then unblocks it", async () => {
    await visitAndCheck(hacker, blockerPath, "blockers: a blocker (hacker)");
    await hacker.selectOption("#status", "acknowledged");
    await hacker.fill("#note", "Je contacte la DREETS.");
    await Promise.all([hacker.waitForNavigation(), hacker.click(`form[action='${blockerPath}/statut'] button[type=submit]`)]);
    await hacker.selectOption("#status", "unblocked");
    await Promise.all([hacker.waitForNavigation(), hacker.click(`form[action='${blockerPath}/statut'] button[type=submit]`)]);
    await go(anonymous, blockerPath);
    const text = await anonymous.locator("main").textContent();
    expect(text.includes("Débloqué"), "anyone sees it unblocked");
  });

  await step("blockers: the aggregate page counts it", async () => {
    await visitAndCheck(anonymous, "/blocages/synthese", "blockers: summary");
    const text = await anonymous.locator("main").textContent();
    expect(text.includes("DREETS Bretagne"), "counted by administration");
    expect(!text.includes(title), "no title on the summary");
  });

  await reporterContext.close();
  await hackerContext.close();
}
