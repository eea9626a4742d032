// Browser journey: offers and needs (entraide). The admin offers a room in Guipavas; a new
// person publishes a need for premises in Brest, sees the room suggested with the reason
// (same intercommunality, Brest Métropole), and writes to the other side through the
// platform. The mail shows in /admin/courriels; the sender's pages never show the recipient's
// address. axe-core checks every page type of the context.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { BASE, ADMIN, PASSWORD, CONTEXT, browser, admin, stamp, step, go, expect, checkPage, visitAndCheck, tabTo, focusIsVisible, signIn, signUpAndConfirm } = kit;
  const offerTitle = `Salle à prêter à Guipavas ${stamp}`;
  const needTitle = `Un local pour nos ateliers ${stamp}`;
  const helper = { email: `gwenola.${stamp}@exemple.fr`, name: "Gwenola Entraide" };
  const context = await browser.newContext(CONTEXT);
  context.setDefaultTimeout(10_000);
  const p = await context.newPage();
  let needUrl = "";
  let conversationUrl = "";

  await step("entraide: the list and the matching page, anonymous", async () => {
    await visitAndCheck(p, "/entraide", "entraide list");
    await visitAndCheck(p, "/entraide/correspondances", "entraide matches");
  });

  await step("entraide: the admin offers a room in Guipavas", async () => {
    await visitAndCheck(admin, "/entraide/nouveau?sens=offer", "entraide form");
    await admin.selectOption("#direction", "offer");
    await admin.selectOption("#kind", "premises");
    await admin.fill("#title", offerTitle);
    await admin.fill("#body", "Une salle de **40 places**, libre en semaine.");
    await admin.fill("#territory", "commune:29075");
    await admin.check("#theme-economie-circulaire");
    await Promise.all([admin.waitForNavigation(), admin.click("main form button[type=submit]")]);
    expect(/\/entraide\/[0-9a-f-]{36}$/.test(admin.url()), "entraide: the offer is published", admin.url());
    await checkPage(admin, "entraide post");
  });

  await step("entraide: a refused form keeps what was typed and says why", async () => {
    await signUpAndConfirm(p, helper.email, helper.name);
    await signIn(p, helper.email, PASSWORD);
    await go(p, "/entraide/nouveau?sens=need");
    await p.fill("#title", needTitle);
    await p.fill("#territory", "Nulle-Part-sur-Mer");
    await Promise.all([p.waitForNavigation(), p.click("main form button[type=submit]")]);
    const text = await p.locator("main").textContent();
    expect(text.includes("Ce territoire est introuvable"), "entraide: the territory is refused in words");
    expect((await p.inputValue("#title")) === needTitle, "entraide: the title typed is kept");
    await checkPage(p, "entraide form with errors");
  });

  await step("entraide: a need for premises in Brest is matched with the room, reason shown", async () => {
    await p.selectOption("#direction", "need");
    await p.selectOption("#kind", "premises");
    await p.fill("#territory", "Brest");
    await p.check("#theme-economie-circulaire");
    await Promise.all([p.waitForNavigation(), p.click("main form button[type=submit]")]);
    needUrl = new URL(p.url()).pathname;
    expect(/^\/entraide\/[0-9a-f-]{36}$/.test(needUrl), "entraide: the need is published", p.url());
    const matches = await p.locator("#correspondances ~ ol, section[aria-labelledby=correspondances]").first().textContent();
    expect(matches.includes(offerTitle), "entraide: the room is suggested", matches);
    expect(matches.includes("même intercommunalité") && matches.includes("Brest Métropole"), "entraide: the reason names the intercommunality", matches);
    await checkPage(p, "entraide need with matches");
    await go(p, "/entraide/correspondances");
    const all = await p.locator("main").textContent();
    expect(all.includes(needTitle) && all.includes(offerTitle), "entraide: the matching page pairs them");
  });

  await step("entraide: contacting the other side by keyboard, no address shown", async () => {
    await go(p, "/entraide");
    await p.click(`a:has-text("${offerTitle}")`);
    await tabTo(p, "#message");
    expect(await focusIsVisible(p), "entraide: the message field shows its focus");
    await p.keyboard.type("Bonjour, votre salle serait-elle libre le mardi soir ?");
    await Promise.all([p.waitForNavigation(), p.click("form[action$='/contact'] button[type=submit]")]);
    conversationUrl = new URL(p.url()).pathname;
    expect(/\/echanges\//.test(conversationUrl), "entraide: the conversation opens", p.url());
    const html = await p.content();
    expect(html.includes("mardi soir"), "entraide: the message is shown");
    expect(!html.includes(ADMIN.email), "entraide: the recipient's address is not shown to the sender");
    await checkPage(p, "entraide conversation");
    await visitAndCheck(p, "/entraide/echanges", "entraide my exchanges");
    expect(!(await p.content()).includes(ADMIN.email), "entraide: no address in my exchanges");
  });

  await step("entraide: the mail shows in /admin/courriels and the admin replies on the platform", async () => {
    await go(admin, "/admin/courriels");
    const text = await admin.locator("main").textContent();
    expect(text.includes(`${helper.name} vous écrit au sujet de`), "entraide: the contact mail is in the outbox", text.slice(0, 400));
    expect(text.includes(`${BASE}${conversationUrl}`), "entraide: the mail links back to the conversation");
    await go(admin, conversationUrl);
    await admin.fill("#message", "Oui, passez la voir mardi à 18 h.");
    await Promise.all([admin.waitForNavigation(), admin.click("main form button[type=submit]")]);
    expect((await admin.content()).includes("passez la voir"), "entraide: the reply is shown");
    expect(!(await admin.content()).includes(helper.email), "entraide: the asker's address is not shown either");
    await go(p, conversationUrl);
    expect((await p.content()).includes("passez la voir"), "entraide: the asker reads the reply");
  });

  await context.close();
}
