// Browser journey: self-assessment (autoévaluation). The admin, who edits every initiative,
// takes the first initiative of the catalogue, sends the questionnaire empty (errors listed),
// answers it by keyboard and mouse, answers it again, sees the radar with the previous one
// overlaid and publishes the second; an anonymous visitor then reads it. axe-core on the list,
// the questionnaire (also with its errors) and one self-assessment.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { admin, anonymous, step, go, expect, checkPage, visitAndCheck } = kit;
  let base = "";
  let second = "";

  async function answerAll(page, score) {
    const names = await page.$$eval("form input[type=radio]", (inputs) => [...new Set(inputs.map((i) => i.name))]);
    for (const name of names) await page.check(`#${name}-${score}`);
    return names.length;
  }

  await step("assessment: an editor answers the questionnaire twice", async () => {
    await go(admin, "/initiatives");
    const href = await admin.locator("main a[href^='/initiatives/']").evaluateAll((links) =>
      links.map((a) => a.getAttribute("href")).find((h) => /^\/initiatives\/[0-9a-f-]{36}$/.test(h)));
    expect(!!href, "an initiative in the catalogue");
    base = `${href}/autoevaluation`;
    await visitAndCheck(admin, base, "assessment: list");
    await visitAndCheck(admin, `${base}/nouvelle`, "assessment: questionnaire");
    await Promise.all([admin.waitForNavigation(), admin.click(`form[action='${base}'] button[type=submit]`)]);
    expect((await admin.locator(".error-summary li").count()) === 15, "every question listed as missing");
    await checkPage(admin, "assessment: questionnaire with errors");
    expect((await answerAll(admin, 1)) === 15, "fifteen questions");
    await admin.fill("#whom-2-comment", "Pas encore de registre des participants.");
    await Promise.all([admin.waitForNavigation(), admin.click(`form[action='${base}'] button[type=submit]`)]);
    await go(admin, `${base}/nouvelle`);
    await answerAll(admin, 3);
    // The last answer by keyboard: arrows move within a radio group.
    await admin.focus("#risks-3-3");
    await admin.keyboard.press("ArrowRight");
    await admin.focus(`form[action='${base}'] button[type=submit]`);
    await Promise.all([admin.waitForNavigation(), admin.keyboard.press("Enter")]);
    second = new URL(admin.url()).pathname;
    expect(second.startsWith(`${base}/`), "the self-assessment's page", second);
    await checkPage(admin, "assessment: one self-assessment");
    expect((await admin.locator("svg polygon.radar-previous").count()) === 1, "the previous one overlaid");
  });

  await step("assessment: published, anyone reads it", async () => {
    expect((await go(anonymous, second)) === 404, "private before publication");
    await Promise.all([admin.waitForNavigation(), admin.click(`form[action='${second}/publication'] button[type=submit]`)]);
    expect((await go(anonymous, second)) === 200, "public after publication");
    await visitAndCheck(anonymous, base, "assessment: list (public)");
    expect((await anonymous.locator("svg polygon.radar-current").count()) === 1, "the radar of the published one");
  });
}
