// Browser journey: curated news (veille). The admin (a moderator) shares a platform link by
// keyboard, with tags; anyone finds it by searching with the catalogue's syntax and by its
// tag; the Atom feed lists it. axe-core on the news page (with and without results, and with
// the form's errors) and on a group's news page when a group exists.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { BASE, admin, anonymous, stamp, step, go, expect, checkPage, visitAndCheck } = kit;
  const title = `Les ressourceries bretonnes ${stamp}`;

  await step("news: the admin shares a link on the platform", async () => {
    await visitAndCheck(admin, "/veille", "news: platform list");
    // Sent with a bad address first: the errors are listed, the values kept.
    await admin.fill("#url", "javascript:alert(1)");
    await admin.fill("#title", title);
    await Promise.all([admin.waitForNavigation(), admin.click("form[action='/veille'][method='post'] button[type=submit]")]);
    expect((await admin.locator(".error-summary li").count()) === 1, "one error listed");
    expect((await admin.inputValue("#title")) === title, "the title is kept");
    await checkPage(admin, "news: share form with errors");
    await admin.fill("#url", "https://exemple.org/veille/ressourceries");
    await admin.fill("#comment", "Un état des lieux **utile**.");
    await admin.focus("#tags");
    await admin.keyboard.type("Économie circulaire, réemploi");
    await admin.focus("form[action='/veille'][method='post'] button[type=submit]");
    await Promise.all([admin.waitForNavigation(), admin.keyboard.press("Enter")]);
    const text = await admin.locator("main").textContent();
    expect(text.includes(title), "the link is listed");
  });

  await step("news: anyone finds it by search and by tag, and in the feed", async () => {
    await go(anonymous, "/veille");
    await anonymous.fill("#q", "ressourcerie -vélo");
    await Promise.all([anonymous.waitForNavigation(), anonymous.click("form[role=search] button[type=submit]")]);
    expect((await anonymous.locator("main").textContent()).includes(title), "found by search");
    await checkPage(anonymous, "news: search results");
    await go(anonymous, "/veille?q=zzzqqq");
    expect((await anonymous.locator(".cards").count()) === 0, "nothing found for nonsense");
    await checkPage(anonymous, "news: no results");
    await go(anonymous, "/veille?tag=economie-circulaire");
    expect((await anonymous.locator("main").textContent()).includes(title), "found by tag");
    const feed = await anonymous.request.get(BASE + "/veille.atom");
    expect(feed.headers()["content-type"].startsWith("application/atom+xml"), "an Atom feed");
    expect((await feed.text()).includes(title), "the feed lists it");
  });

  await step("news: a group's news page", async () => {
    await go(admin, "/groupes");
    const href = await admin
      .locator("main a[href^='/groupes/']:not([href='/groupes/nouveau']):not([href^='/groupes/notifications']):not([href^='/groupes/moderation'])")
      .first()
      .getAttribute("href")
      .catch(() => null);
    if (href && /^\/groupes\/[0-9a-f-]{36}$/.test(href)) {
      await visitAndCheck(admin, `${href}/veille`, "news: a group's news");
    }
  });
}
