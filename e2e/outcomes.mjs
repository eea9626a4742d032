// Browser journey: impact contracts. The funder of funding.mjs (kit.shared: a fondation with the
// funder label) proposes a contract on the plan of the holder's initiative (impact.mjs left two
// entries, one with a verified measurement of 310 meals): first with errors (listed, values
// kept), then two outcomes — 300 meals (reached by the verified measurement) and 100 people
// (40 measured, not reached). The holder signs; the contract page shows the outcome reached and
// the payment due (5 000 €), the CSV export answers, an outsider gets nothing. axe-core on the
// form (also with its errors), the list and the contract (funder and holder, before and after
// signing).
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { BASE, admin, anonymous, step, go, expect, fail, checkPage, visitAndCheck } = kit;
  const shared = kit.shared || {};
  const { funder, holder, initiative, entries } = shared;
  if (!funder || !holder || !initiative || !entries || !entries.meals || !entries.people) {
    fail("outcomes: no funder, holder or plan entries (funding.mjs and impact.mjs should leave them)");
    return;
  }
  const form = `${initiative}/contrats-a-impact`;
  let contract = "";
  const submit = async (p, selector) => {
    await Promise.all([p.waitForNavigation(), p.click(selector)]);
  };

  await step("outcomes: the funder proposes a contract, errors first", async () => {
    await visitAndCheck(funder, form, "outcomes: proposal form");
    await funder.fill("#title", "");
    await funder.fill("#starts_on", "2025-01-01");
    await funder.selectOption("#entry_1", entries.meals);
    await funder.fill("#threshold_1", "trois cents");
    await funder.fill("#due_1", "2026-12-31");
    await funder.fill("#payment_1", "5 000");
    await submit(funder, `form[action='${form}'] button[type=submit]`);
    expect((await funder.locator(".error-summary li").count()) >= 2, "the title and the threshold are listed");
    expect((await funder.inputValue("#payment_1")) === "5 000", "the payment is kept");
    await checkPage(funder, "outcomes: proposal form with errors");
    await funder.fill("#title", "Contrat repas et accompagnement");
    await funder.fill("#terms", "Versement **à l’atteinte**, sur mesure vérifiée.");
    await funder.fill("#threshold_1", "300");
    await funder.selectOption("#entry_2", entries.people);
    await funder.fill("#threshold_2", "100");
    await funder.fill("#due_2", "2026-12-31");
    await funder.fill("#payment_2", "2 000");
    await submit(funder, `form[action='${form}'] button[type=submit]`);
    contract = new URL(funder.url()).pathname;
    expect(/^\/contrats-a-impact\/[0-9a-f-]{36}$/.test(contract), "the contract has its page", contract + " " + (await funder.locator(".error-summary").innerText().catch(() => "")));
    await checkPage(funder, "outcomes: a proposed contract (funder)");
    await visitAndCheck(funder, "/contrats-a-impact", "outcomes: list");
    expect((await funder.locator(`main a[href='${contract}']`).count()) > 0, "the list shows the contract");
  });
  if (!contract) return;

  await step("outcomes: the initiative signs; the outcome reached and the payment due show", async () => {
    await visitAndCheck(holder, contract, "outcomes: a proposed contract (holder)");
    expect((await holder.locator("main strong", { hasText: "à l’atteinte" }).count()) > 0, "the terms in Markdown");
    await submit(holder, `form[action='${contract}/signature'] button[type=submit]:not(.button-secondary)`);
    expect((await holder.locator(`form[action='${contract}/signature']`).count()) === 0, "no longer waiting for a signature");
    await visitAndCheck(funder, contract, "outcomes: a signed contract");
    const text = await funder.locator("main").textContent();
    expect(text.includes("Atteint (mesure du 2025-06-30)"), "the meals outcome is reached by the verified measurement");
    expect(text.includes("Pas encore atteint"), "the people outcome is not");
    const due = (await funder.locator("#total-due").textContent()).replace(/\s/g, "");
    expect(due.startsWith("5000,00"), "5 000 € due", due);
  });

  await step("outcomes: the export answers, an outsider sees nothing", async () => {
    const r = await funder.request.get(`${BASE}${contract}/export.csv`);
    expect(r.status() === 200 && (await r.text()).includes("repas-servis"), "the CSV export lists the outcomes", String(r.status()));
    expect((await go(anonymous, contract)) === 404, "private to its parties");
    await go(admin, "/contrats-a-impact");
    await checkPage(admin, "outcomes: list (admin)");
  });
}
