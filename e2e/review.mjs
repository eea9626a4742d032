// Browser journey: review of funding applications. Runs after funding.mjs and reuses the call
// it left with submitted applications (found on /appels; the admin manages every structure, so
// runs every call). The funder names two reviewers and assigns the applications; a reviewer
// scores one (first sent empty, to check the errors), the funder's table shows the mean; the
// funder grants it and sends the decision. axe-core on the reviewers page, the reviewer's list,
// the scoring form (also with its errors), the funder's table and the decisions page.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { browser, CONTEXT, admin, stamp, step, go, expect, fail, checkPage, visitAndCheck, signIn, PASSWORD } = kit;
  const contexts = [];
  async function newPage() {
    const c = await browser.newContext(CONTEXT);
    c.setDefaultTimeout(10_000);
    contexts.push(c);
    return c.newPage();
  }
  const reviewer = await newPage();
  const second = await newPage();
  // Reviewers are accounts the earlier journeys made (groups.mjs, blockers.mjs): the site allows
  // ten sign-ups an hour from one address, and the journeys before this one used them.
  const reviewerEmail = `nolwenn.${stamp}@exemple.fr`;
  const secondEmail = `hacker.${stamp}@exemple.fr`;
  let call = "";

  await step("review: a call with submitted applications is found", async () => {
    await go(admin, "/appels");
    const hrefs = await admin.locator("main a[href^='/appels/']").evaluateAll((as) =>
      [...new Set(as.map((a) => a.getAttribute("href")).filter((h) => /^\/appels\/[0-9a-f-]{36}$/.test(h)))],
    );
    for (const href of hrefs) {
      const status = await go(admin, `${href}/relecteurs`);
      if (status === 200 && (await admin.locator("#attribution-caption").count()) > 0) {
        call = href;
        break;
      }
    }
    if (!call) fail("review: no call with submitted applications (funding.mjs should leave one)");
  });
  if (!call) {
    for (const c of contexts) await c.close();
    return;
  }

  await step("review: the funder names two reviewers and assigns the applications", async () => {
    await signIn(reviewer, reviewerEmail, PASSWORD);
    await signIn(second, secondEmail, PASSWORD);
    await visitAndCheck(admin, `${call}/relecteurs`, "review: reviewers and assignment");
    for (const email of [reviewerEmail, secondEmail]) {
      await admin.fill("#email", email);
      await Promise.all([admin.waitForNavigation(), admin.click(`form[action='${call}/relecteurs'] button[type=submit]`)]);
    }
    const text = await admin.locator("main").textContent();
    expect(text.includes("Nolwenn Groupe") && text.includes("Hugo Hacker"), "both reviewers listed");
    await Promise.all([admin.waitForNavigation(), admin.click(`form[action='${call}/attribution'] button[type=submit]`)]);
    await checkPage(admin, "review: reviewers after the assignment");
  });

  await step("review: a reviewer scores an application, by keyboard", async () => {
    await visitAndCheck(reviewer, "/evaluations", "review: my reviews");
    const link = reviewer.locator("main a[href$='/evaluer']").first();
    if ((await link.count()) === 0) throw new Error("no application assigned to the reviewer");
    const form = await link.getAttribute("href");
    await visitAndCheck(reviewer, form, "review: scoring form");
    // Submitted empty: every criterion is asked for, the page stays accessible.
    await Promise.all([reviewer.waitForNavigation(), reviewer.click("button[name=action][value=submit]")]);
    expect((await reviewer.locator(".error-summary li").count()) >= 1, "errors listed");
    expect((await reviewer.locator(".field-error").count()) >= 1, "the criteria say what is missing");
    await checkPage(reviewer, "review: scoring form with errors");
    for (const input of await reviewer.locator("input[type=number]").all()) {
      await input.fill(await input.getAttribute("max"));
    }
    await reviewer.fill("#private_comment", "Équipe solide.");
    await reviewer.focus("#shared_comment");
    await reviewer.keyboard.type("Un projet utile, à consolider.");
    await reviewer.focus("button[name=action][value=submit]");
    await Promise.all([reviewer.waitForNavigation(), reviewer.keyboard.press("Enter")]);
    const text = await reviewer.locator("main").textContent();
    expect(text.includes("Votre évaluation est remise"), "the review is submitted");
  });

  await step("review: the funder's table shows the mean", async () => {
    await visitAndCheck(admin, `${call}/evaluation`, "review: funder's table");
    const means = await admin.locator("td.mean").allTextContents();
    expect(means.some((m) => m.trim() === "100,0"), "a mean of 100 for the application scored at the top", means.join(" | "));
  });

  await step("review: the funder grants the application and sends the decision", async () => {
    await visitAndCheck(admin, `${call}/decisions`, "review: decisions");
    const range = await admin.locator("dl.figures div").nth(3).locator("dd").textContent();
    const [min] = range.split("–").map((s) => parseFloat(s.replace(/[^0-9,]/g, "").replace(",", ".")) || 0);
    const amount = min > 0 ? String(min) : "1";
    const section = admin.locator("section[id^='candidature-']").filter({ has: admin.locator("td, p", { hasText: "100,0" }) }).first();
    const target = (await section.count()) > 0 ? section : admin.locator("section[id^='candidature-']").first();
    await target.locator("input[value=granted]").check();
    await target.locator("input[name=amount]").fill(amount);
    await target.locator("textarea[name=conditions]").fill("Un bilan à six mois.");
    await Promise.all([admin.waitForNavigation(), target.locator("form[action$='/decision'] button[type=submit]").click()]);
    expect(admin.url().includes("/decisions"), "back on the decisions page", admin.url());
    await Promise.all([admin.waitForNavigation(), admin.click(`form[action='${call}/decisions/envoi'] button[type=submit]`)]);
    const text = await admin.locator("main").textContent();
    expect(text.includes("envoyée le"), "the decision is sent");
    await checkPage(admin, "review: decisions after sending");
  });

  for (const c of contexts) await c.close();
}
