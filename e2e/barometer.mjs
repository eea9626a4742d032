// Browser journey: the impact barometer. Anyone opens the national barometer and chooses a
// challenge and a measure for the map by keyboard alone (Tab, arrow keys, Enter); the map's
// table lists Finistère, where the initiative of funding.mjs and impact.mjs stands, with the
// people its measurements reached; the département page shows the plan's figures (a level-3
// measurement, the one verified in impact.mjs; 40 people); two territories are compared (an
// unknown one first: the error is listed). axe-core on the national page, the map by a chosen
// measure, a département, and the comparison (also with its error).
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { anonymous, step, go, expect, checkPage, visitAndCheck, tabTo, focusIsVisible } = kit;
  const shared = kit.shared || {};
  const planned = Boolean(shared.entries && shared.entries.people);
  const number = (s) => parseFloat(String(s).replace(/[\s\u202f\u00a0]/g, "").replace(",", ".")) || 0;

  await step("barometer: national, challenge and measure chosen by keyboard", async () => {
    await visitAndCheck(anonymous, "/barometre", "barometer: France");
    await anonymous.evaluate(() => document.activeElement && document.activeElement.blur());
    await tabTo(anonymous, "#defi");
    for (let i = 0; i < 40 && (await anonymous.inputValue("#defi")) !== "alimentation"; i++) {
      await anonymous.keyboard.press("ArrowDown");
    }
    expect((await anonymous.inputValue("#defi")) === "alimentation", "the challenge chosen by keyboard");
    await tabTo(anonymous, "#mesure");
    const focus = await focusIsVisible(anonymous);
    expect(focus.ok, "the measure select shows its focus", focus.what);
    for (let i = 0; i < 5 && (await anonymous.inputValue("#mesure")) !== "people"; i++) {
      await anonymous.keyboard.press("ArrowDown");
    }
    expect((await anonymous.inputValue("#mesure")) === "people", "the measure chosen by keyboard");
    await tabTo(anonymous, "form.filters button[type=submit]");
    await Promise.all([anonymous.waitForNavigation(), anonymous.keyboard.press("Enter")]);
    expect(anonymous.url().includes("defi=alimentation") && anonymous.url().includes("mesure=people"), "filters in the URL", anonymous.url());
    expect((await anonymous.inputValue("#mesure")) === "people", "the measure stays chosen");
    const text = await anonymous.locator("main").textContent();
    expect(!text.includes("NaN"), "no NaN");
    await checkPage(anonymous, "barometer: map by a chosen measure");
    if (planned) {
      const row = anonymous.locator("#carte-caption").locator("xpath=ancestor::table").locator("tr", { has: anonymous.locator("a[href='/barometre/departement-29']") });
      expect((await row.count()) === 1, "the map's table lists Finistère");
      if ((await row.count()) === 1) {
        const value = number(await row.locator("td").textContent());
        expect(value >= 40, "Finistère's people reached count the measurement", String(value));
      }
    }
  });

  await step("barometer: the initiative's département", async () => {
    await visitAndCheck(anonymous, "/barometre/departement-29?defi=alimentation", "barometer: a département");
    const text = await anonymous.locator("main").textContent();
    expect(!text.includes("NaN"), "no NaN");
    if (planned) {
      const people = number(await anonymous.locator("dl.figures div").nth(1).locator("dd").textContent());
      expect(people >= 40, "the people reached include the 40 measured", String(people));
      const level3 = anonymous.locator("#main-levels-caption").locator("xpath=ancestor::table").locator("tbody tr").nth(2).locator("td").first();
      expect(number(await level3.textContent()) >= 1, "the verified measurement's level 3 is counted");
    }
    await visitAndCheck(anonymous, "/barometre/departement-29", "barometer: a département, all challenges");
  });

  await step("barometer: two territories side by side", async () => {
    const status = await go(anonymous, "/barometre/comparer?a=zzz&b=departement-29");
    expect(status === 422, "an unknown territory is refused", String(status));
    expect((await anonymous.locator(".error-summary li").count()) === 1, "the error listed");
    await checkPage(anonymous, "barometer: comparison with an error");
    await visitAndCheck(anonymous, "/barometre/comparer?a=Bretagne&b=departement-29", "barometer: comparison");
    expect((await anonymous.locator(".compare-columns section").count()) === 2, "two columns");
    if (planned) {
      const text = await anonymous.locator(".compare-columns").textContent();
      expect(!text.includes("NaN"), "no NaN in the comparison");
    }
  });
}
