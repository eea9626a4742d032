// Browser journey: groups and discussions. A new person creates an open group and opens a
// thread; the admin (mail for every post) joins, replies and is mailed the answer; the
// mail's one-click unsubscribe link opens without signing in; the person reports the admin's
// reply and the admin, a moderator, restores it from the queue; the person picks the daily
// digest. axe-core checks the list, the form, the group, the thread, the moderation queue,
// the notification settings and the unsubscribe page.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { BASE, PASSWORD, CONTEXT, browser, admin, anonymous, stamp, step, go, expect, checkPage, visitAndCheck, signIn, signUpAndConfirm } = kit;
  const groupName = `Tiers-lieux ${stamp}`;
  const threadTitle = `Mutualiser une camionnette ${stamp}`;
  const member = { email: `nolwenn.${stamp}@exemple.fr`, name: "Nolwenn Groupe" };
  const context = await browser.newContext(CONTEXT);
  context.setDefaultTimeout(10_000);
  const p = await context.newPage();
  let groupUrl = "";
  let threadUrl = "";
  const submit = async (page, selector) => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };

  await step("groupes: the list, anonymous", async () => {
    await visitAndCheck(anonymous, "/groupes", "groups list");
  });

  await step("groupes: a refused form keeps what was typed, then the group is created", async () => {
    await signUpAndConfirm(p, member.email, member.name);
    await signIn(p, member.email, PASSWORD);
    await visitAndCheck(p, "/groupes/nouveau", "group form");
    await p.fill("#name", "ab");
    await p.fill("#description", "Entraide **entre tiers-lieux**.");
    await submit(p, "main form[action='/groupes'] button[type=submit]");
    const text = await p.locator("main").textContent();
    expect(text.includes("au moins 3 caractères"), "groupes: the short name is refused in words");
    expect((await p.inputValue("#description")).includes("entre tiers-lieux"), "groupes: the description is kept");
    await checkPage(p, "group form with errors");
    await p.fill("#name", groupName);
    await p.fill("#territory", "Brest");
    await p.check("#access");
    await submit(p, "main form[action='/groupes'] button[type=submit]");
    groupUrl = new URL(p.url()).pathname;
    expect(/^\/groupes\/[0-9a-f-]{36}$/.test(groupUrl), "groupes: the group is created", p.url());
    await checkPage(p, "group page");
    await visitAndCheck(p, `${groupUrl}/modifier`, "group edit form");
  });

  await step("groupes: a thread is opened", async () => {
    await go(p, groupUrl);
    await p.fill("#title", threadTitle);
    await p.fill("#body", "Qui a besoin d’un utilitaire **deux jours par mois** ?");
    await submit(p, `main form[action='${groupUrl}/fils'] button[type=submit]`);
    threadUrl = new URL(p.url()).pathname;
    expect(threadUrl.startsWith(`${groupUrl}/fils/`), "groupes: the thread is opened", p.url());
    const text = await p.locator("main").textContent();
    expect(text.includes("deux jours par mois"), "groupes: the message is shown");
    await checkPage(p, "thread page");
  });

  await step("groupes: the admin asks for a mail per post, joins, replies and follows", async () => {
    await visitAndCheck(admin, "/groupes/notifications", "notification settings");
    await admin.check("#mode");
    await submit(admin, "main form[action='/groupes/notifications'] button[type=submit]");
    await go(admin, groupUrl);
    await submit(admin, `main form[action='${groupUrl}/adhesion'] button`);
    const text = await admin.locator("main").textContent();
    expect(text.includes("Vous avez rejoint le groupe"), "groupes: the admin joined", text.slice(0, 200));
    await go(admin, threadUrl);
    await admin.fill("#body", "Oui, *la recyclerie* aussi.");
    await submit(admin, `main form[action='${threadUrl}/reponses'] button[type=submit]`);
    expect((await admin.locator("main").textContent()).includes("la recyclerie"), "groupes: the reply is shown");
  });

  await step("groupes: a reply mails the admin (a follower) at once, with a one-click unsubscribe", async () => {
    await go(p, threadUrl);
    await p.fill("#body", "Merci ! On en parle jeudi ?");
    await submit(p, `main form[action='${threadUrl}/reponses'] button[type=submit]`);
    await go(admin, "/admin/courriels");
    const text = await admin.locator("main").textContent();
    const m = text.match(new RegExp(`${BASE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/groupes/desabonnement/[0-9a-f]{32}`));
    expect(!!m, "groupes: the mail carries an unsubscribe link");
    if (m) {
      await visitAndCheck(anonymous, m[0].slice(BASE.length), "unsubscribe page");
      expect((await anonymous.locator("main").textContent()).includes("Me désabonner"), "groupes: unsubscribing is asked, not done on GET");
    }
  });

  await step("groupes: a report reaches the moderators, who restore the post", async () => {
    await go(p, threadUrl);
    await submit(p, "main form[action^='/groupes/messages/'] button");
    expect((await p.locator("main").textContent()).includes("signalement a été transmis"), "groupes: the report is acknowledged");
    await visitAndCheck(admin, "/groupes/moderation", "moderation queue");
    const queue = await admin.locator("main").textContent();
    expect(queue.includes(threadTitle), "groupes: the reported post is in the queue", queue.slice(0, 300));
    await submit(admin, "main form[action^='/groupes/moderation/messages/'] input[value=restore] ~ button");
    expect((await admin.locator("main").textContent()).includes("décision a été enregistrée"), "groupes: the decision is recorded");
  });

  await step("groupes: the person follows the thread and picks the daily digest", async () => {
    await go(p, threadUrl);
    await submit(p, `main form[action='${threadUrl}/suivi'] button`);
    await visitAndCheck(p, "/groupes/notifications", "notification settings (person)");
    await p.check("#mode-digest");
    await submit(p, "main form[action='/groupes/notifications'] button[type=submit]");
    expect((await p.locator("main").textContent()).includes("préférences ont été enregistrées"), "groupes: the mode is saved");
  });

  await context.close();
}
