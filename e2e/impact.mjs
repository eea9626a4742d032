// Browser journey: impact. The project holder of funding.mjs (kit.shared) adds two indicators of
// the catalogue to the initiative's plan (the first attempt with a target before its baseline:
// the errors are listed, the values kept), records measurements (a bad value first: errors
// listed, values kept); an evaluator (Gwenola of exchange.mjs — the site takes 10 sign-ups an
// hour from one address — opens a structure whose evaluator label the committee, the admin,
// grants through /reseau) verifies one; the open-data CSV lists it.
// axe-core on the catalogue, an indicator page, the plan page (holder, evaluator, visitor), the
// entry form and the measurement form (each also with its errors).
// Leaves the plan entries in kit.shared for outcomes.mjs and barometer.mjs.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { CONTEXT, browser, admin, anonymous, stamp, step, go, expect, fail, checkPage, visitAndCheck, signIn, PASSWORD } = kit;
  const shared = (kit.shared = kit.shared || {});
  const submit = async (p, selector) => {
    await Promise.all([p.waitForNavigation(), p.click(selector)]);
  };

  await step("impact: the catalogue and an indicator", async () => {
    await visitAndCheck(anonymous, "/indicateurs", "impact: catalogue");
    expect((await anonymous.locator("main a[href='/indicateurs/repas-servis']").count()) > 0, "the catalogue lists meals served");
    await visitAndCheck(anonymous, "/indicateurs?q=repas&defi=alimentation", "impact: catalogue searched");
    await visitAndCheck(anonymous, "/indicateurs/repas-servis", "impact: an indicator");
  });

  const holder = shared.holder;
  const initiative = shared.initiative;
  if (!holder || !initiative) {
    fail("impact: no holder's initiative (funding.mjs should leave one)");
    return;
  }
  const plan = `${initiative}/impact`;
  const entries = {};
  const entryOf = (p) => new URL(p.url()).hash.replace("#indicateur-", "");
  let measurement = "";

  await step("impact: the holder adds two indicators to the plan", async () => {
    await visitAndCheck(holder, plan, "impact: empty plan (holder)");
    await go(holder, `${plan}/ajouter`);
    await checkPage(holder, "impact: entry form");
    await holder.selectOption("#indicator", "repas-servis");
    await holder.fill("#baseline_value", "100");
    await holder.fill("#baseline_on", "2024-01-01");
    await holder.fill("#target_value", "50");
    await holder.fill("#target_on", "2023-01-01");
    await submit(holder, `form[action='${plan}'] button[type=submit]`);
    expect((await holder.locator(".error-summary li").count()) >= 2, "the target's errors are listed");
    expect((await holder.inputValue("#target_on")) === "2023-01-01", "values kept");
    await checkPage(holder, "impact: entry form with errors");
    await holder.fill("#target_value", "500");
    await holder.fill("#target_on", "2027-01-01");
    await submit(holder, `form[action='${plan}'] button[type=submit]`);
    entries.meals = entryOf(holder);
    expect(/^[0-9a-f-]{36}$/.test(entries.meals), "meals served in the plan", holder.url());
    await go(holder, `${plan}/ajouter`);
    await holder.selectOption("#indicator", "personnes-accompagnees");
    await holder.fill("#baseline_value", "10");
    await holder.fill("#baseline_on", "2024-01-01");
    await holder.fill("#target_value", "60");
    await holder.fill("#target_on", "2027-01-01");
    await submit(holder, `form[action='${plan}'] button[type=submit]`);
    entries.people = entryOf(holder);
    expect(/^[0-9a-f-]{36}$/.test(entries.people), "people supported in the plan", holder.url());
    shared.entries = entries;
  });

  await step("impact: the holder records measurements, a bad value first", async () => {
    const form = `${plan}/${entries.meals}/mesures`;
    await visitAndCheck(holder, form, "impact: measurement form");
    await holder.fill("#value", "douze");
    await holder.fill("#period_end", "2025-06-30");
    await holder.fill("#source", "Registre des repas");
    await holder.fill("#method", "Comptage quotidien");
    await holder.check("#level-3");
    await submit(holder, `main form[action='${form}'] button[type=submit]`);
    expect((await holder.locator(".error-summary li").count()) >= 1, "the bad value is listed");
    expect((await holder.locator("main").textContent()).includes("Saisissez un nombre"), "it says a number is expected");
    expect((await holder.inputValue("#source")) === "Registre des repas", "the source is kept");
    expect((await holder.inputValue("#value")) === "douze", "the value typed is kept");
    await checkPage(holder, "impact: measurement form with errors");
    await holder.fill("#value", "310");
    await submit(holder, `main form[action='${form}'] button[type=submit]`);
    expect(new URL(holder.url()).pathname === plan, "back on the plan", holder.url());
    const people = `${plan}/${entries.people}/mesures`;
    await go(holder, people);
    await holder.fill("#value", "40");
    await holder.fill("#period_end", "2025-03-01");
    await holder.fill("#source", "Liste des inscrits");
    await holder.check("#level-1");
    await submit(holder, `main form[action='${people}'] button[type=submit]`);
    await go(holder, plan);
    const text = await holder.locator("main").textContent();
    expect(text.includes("310") && text.includes("40"), "both measurements on the plan");
    await checkPage(holder, "impact: plan (holder)");
  });

  await step("impact: an evaluator verifies a measurement", async () => {
    const evaluator = await (await browser.newContext(CONTEXT)).newPage();
    evaluator.context().setDefaultTimeout(10_000);
    const email = `gwenola.${stamp}@exemple.fr`;
    await signIn(evaluator, email, PASSWORD);
    await go(evaluator, "/structures/nouvelle");
    await evaluator.fill("#name", `Cabinet Mesure ${stamp}`);
    await evaluator.selectOption("#kind", { index: 1 });
    await evaluator.fill("#territory", "Quimper");
    await submit(evaluator, "main form button[type=submit]");
    const structure = new URL(evaluator.url()).pathname;
    await go(evaluator, `${structure}/reseau`);
    await evaluator.selectOption("#apply-kind", "evaluator");
    await evaluator.fill("#apply-motivation", "Nous évaluons des projets d'utilité sociale depuis 2012.");
    await submit(evaluator, "form[action$='/labels'] button[type=submit]");
    const label = new URL(evaluator.url()).pathname;
    await go(admin, label);
    await admin.check("#decision-decision");
    await submit(admin, "form[action$='/decision'] button[type=submit]");
    expect((await admin.locator(".status-line").innerText()).includes("valable jusqu"), "the evaluator label is granted");

    await go(evaluator, plan);
    const forms = evaluator.locator(`#indicateur-${entries.meals} form[action$='/verification']`);
    if ((await forms.count()) === 0) throw new Error("the evaluator sees no verification form");
    await checkPage(evaluator, "impact: plan (evaluator)");
    measurement = (await forms.first().getAttribute("action")).split("/mesures/")[1].split("/")[0];
    await forms.first().locator("input[name=note]").fill("Registre contrôlé sur place.");
    await Promise.all([evaluator.waitForNavigation(), forms.first().locator("button[type=submit]").click()]);
    await go(anonymous, plan);
    const text = await anonymous.locator("main").textContent();
    expect(text.includes("Vérifiée le") && text.includes("Registre contrôlé sur place."), "the verification shows");
    expect((await anonymous.locator("form[action$='/verification']").count()) === 0, "no verification for a visitor");
    await checkPage(anonymous, "impact: plan (visitor)");
    shared.measurement = measurement;
    await evaluator.context().close().catch(() => {});
  });

  await step("impact: the open data lists the measurement", async () => {
    const r = await anonymous.request.get(`${kit.BASE}/data/impact-mesures.csv`);
    expect(r.status() === 200, "the CSV answers", String(r.status()));
    const csv = await r.text();
    const id = initiative.split("/").pop();
    const lines = csv.split("\n").filter((l) => l.includes(id));
    expect(lines.length >= 2, "the initiative's measurements are listed", csv.slice(0, 300));
    expect(!measurement || csv.includes(measurement), "the verified measurement is listed");
  });
}
