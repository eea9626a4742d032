// Browser journey: funding. A funder (Morgane, the incubator's manager of network.mjs, opens a
// fondation whose funder label the committee — the admin — grants through /reseau) opens a prize with a criterion and two
// questions (the form first sent with errors) and publishes it; a project holder (Paola, the
// reporter of blockers.mjs, opens an association in Brest that carries a published initiative)
// finds it in the
// catalogue, applies with the initiative, submits too early (the required answers are named),
// answers, uploads a small PDF and submits. The submitted application stays for review.mjs.
// axe-core on the catalogue, the call form (with errors), the call page, the apply form, the
// application form (also with errors), the holder's applications and the prize results page.
// The funder and the holder are left in kit.shared for impact.mjs and outcomes.mjs. Both are
// accounts of earlier journeys: the site takes 10 sign-ups an hour from one address, and the
// journeys before this one have made 9.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { CONTEXT, browser, admin, anonymous, stamp, step, go, expect, fail, checkPage, visitAndCheck, signIn, PASSWORD } = kit;
  const shared = (kit.shared = kit.shared || {});
  const newPage = async () => {
    const c = await browser.newContext(CONTEXT);
    c.setDefaultTimeout(10_000);
    return c.newPage();
  };
  const funder = await newPage();
  const holder = await newPage();
  const funderEmail = `morgane.${stamp}@exemple.fr`;
  const holderEmail = `porteuse.${stamp}@exemple.fr`;
  const prize = `Prix alimentation durable ${stamp}`;
  const initiativeTitle = `Jardins partagés ${stamp}`;
  let fondation = "";
  let jardins = "";
  let initiative = "";
  let call = "";
  let application = "";
  const submit = async (p, selector) => {
    await Promise.all([p.waitForNavigation(), p.click(selector)]);
  };
  const day = (offset) => {
    const d = new Date(Date.now() + offset * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const newStructure = async (p, name, kind) => {
    await go(p, "/structures/nouvelle");
    await p.fill("#name", name);
    await p.selectOption("#kind", kind);
    await p.fill("#territory", "Brest");
    await submit(p, "main form button[type=submit]");
    const path = new URL(p.url()).pathname;
    expect(/^\/structures\/[0-9a-f-]{36}$/.test(path), `${name} has its page`, path);
    return path;
  };

  await step("funding: a fondation gets the funder label", async () => {
    await signIn(funder, funderEmail, PASSWORD);
    fondation = await newStructure(funder, `Fondation Terres d'Entraide ${stamp}`, "fondation");
    await go(funder, `${fondation}/reseau`);
    await funder.selectOption("#apply-kind", "funder");
    await funder.fill("#apply-motivation", "Nous finançons des projets solidaires depuis dix ans.");
    await submit(funder, "form[action$='/labels'] button[type=submit]");
    const labelPath = new URL(funder.url()).pathname;
    expect(/^\/reseau\/labels\/[0-9a-f-]{36}$/.test(labelPath), "the label application has its page", labelPath);
    await go(admin, labelPath);
    await admin.check("#decision-decision");
    await submit(admin, "form[action$='/decision'] button[type=submit]");
    expect((await admin.locator(".status-line").innerText()).includes("valable jusqu"), "the funder label is granted");
  });

  await step("funding: a holder's association carries a published initiative", async () => {
    await signIn(holder, holderEmail, PASSWORD);
    jardins = await newStructure(holder, `Les Jardins du Bourg ${stamp}`, "association");
    await go(holder, "/initiatives/nouvelle");
    await holder.fill("#title", initiativeTitle);
    await holder.fill("#summary", "Des jardins cultivés ensemble au pied des immeubles.");
    await holder.fill("#description", "Des bacs, des graines, des voisins.");
    await holder.selectOption("#stage", "experimentation");
    await holder.check("input[name=challenges][value=alimentation]");
    await holder.fill("#territories", "Brest");
    await holder.fill("#steps", "Réunir les voisins\nTrouver un terrain");
    const option = await holder.locator("#structure option").evaluateAll((os, name) =>
      (os.find((o) => o.textContent.includes(name)) || {}).value, `Les Jardins du Bourg ${stamp}`);
    if (option) await holder.selectOption("#structure", option);
    await submit(holder, "button[value=publish]");
    initiative = new URL(holder.url()).pathname;
    expect(/^\/initiatives\/[0-9a-f-]{36}$/.test(initiative), "the initiative is published", initiative + " " + (await holder.locator(".error-summary").innerText().catch(() => "")));
    shared.funder = funder;
    shared.funderEmail = funderEmail;
    shared.fondation = fondation;
    shared.holder = holder;
    shared.holderEmail = holderEmail;
    shared.jardins = jardins;
    shared.initiative = initiative;
    shared.initiativeTitle = initiativeTitle;
  });

  await step("funding: the funder opens a prize with a criterion, then publishes it", async () => {
    await go(funder, "/appels/nouveau");
    await funder.fill("#title", "");
    await funder.fill("#description", "");
    await funder.fill("#budget", "");
    await submit(funder, "form[action='/appels'] button[type=submit]");
    expect((await funder.locator(".error-summary li").count()) >= 2, "the missing fields are listed");
    await checkPage(funder, "funding: call form with errors");
    const id = fondation.split("/").pop();
    await funder.selectOption("#structure", id);
    await funder.selectOption("#kind", "prize");
    await funder.fill("#title", prize);
    await funder.fill("#description", "Un prix pour les **projets** qui nourrissent.");
    await funder.fill("#budget", "30 000");
    await funder.fill("#min_award", "5 000");
    await funder.fill("#max_award", "15 000");
    await funder.fill("#opens_at", `${day(-1)}T08:00`);
    await funder.fill("#closes_at", `${day(30)}T18:00`);
    await funder.fill("#reviewers_per_application", "2");
    await funder.check("#publish_awards");
    await funder.check("#ch-alimentation");
    await funder.fill("#territories", "departement:29");
    await funder.fill("#c0-name", "Utilité sociale");
    await funder.fill("#c0-weight", "2");
    await funder.fill("#c0-scale", "5");
    await funder.fill("#q0-label", "Qu'allez-vous faire du prix ?");
    await funder.selectOption("#q0-kind", "text");
    await funder.check("#q0-required");
    await funder.fill("#q1-label", "Budget prévisionnel");
    await funder.selectOption("#q1-kind", "file");
    await funder.check("#q1-required");
    await submit(funder, "form[action='/appels'] button[type=submit]");
    call = new URL(funder.url()).pathname;
    expect(/^\/appels\/[0-9a-f-]{36}$/.test(call), "the prize has its page", call + " " + (await funder.locator(".error-summary").innerText().catch(() => "")));
    expect((await go(anonymous, call)) === 404, "a draft is the funder's");
    await submit(funder, `form[action='${call}/publication'] button[type=submit]`);
    expect((await go(anonymous, call)) === 200, "published");
    shared.call = call;
  });

  await step("funding: the catalogue and the call page", async () => {
    await visitAndCheck(anonymous, "/appels", "funding: catalogue");
    expect((await anonymous.locator(`main a[href='${call}']`).count()) > 0, "the catalogue lists the prize");
    await visitAndCheck(anonymous, "/appels?type=prize&defi=alimentation", "funding: catalogue filtered");
    expect((await anonymous.locator(`main a[href='${call}']`).count()) > 0, "the filters keep the prize");
    await visitAndCheck(holder, call, "funding: call page");
    const text = await holder.locator("main").textContent();
    expect(text.includes("Utilité sociale") && text.includes("Budget prévisionnel"), "the criterion and the questions show");
    expect((await holder.locator(`a[href='${call}/candidater']`).count()) > 0, "the holder may apply");
  });

  await step("funding: the holder applies with the initiative and a PDF", async () => {
    await visitAndCheck(holder, `${call}/candidater`, "funding: apply form");
    const id = initiative.split("/").pop();
    await holder.selectOption("#structure", jardins.split("/").pop());
    await holder.selectOption("#initiative", id);
    await submit(holder, `form[action='${call}/candidater'] button[type=submit]`);
    application = new URL(holder.url()).pathname;
    expect(/^\/candidatures\/[0-9a-f-]{36}$/.test(application), "the application has its page", application + " " + (await holder.locator(".error-summary").innerText().catch(() => "")));
    await checkPage(holder, "funding: application form");
    // Submitted too early: the required answers are named, the page stays accessible.
    await submit(holder, `form[action='${application}/depot'] button[type=submit]`);
    expect((await holder.locator("main").textContent()).includes("Cette question est obligatoire"), "the required questions are named");
    expect((await holder.locator(".error-summary li").count()) >= 1, "errors listed");
    await checkPage(holder, "funding: application form with errors");
    await go(holder, application);
    await holder.fill("#q-0", "Planter un verger.");
    await submit(holder, `form[action='${application}/reponses'] button[type=submit]`);
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    await go(holder, application);
    await holder.setInputFiles("#document", { name: "budget 2026.pdf", mimeType: "application/pdf", buffer: pdf });
    await submit(holder, `form[action^='${application}/documents'] button[type=submit]`);
    expect((await holder.locator("main").textContent()).includes("budget 2026.pdf"), "the PDF is attached", await holder.locator(".error-summary").innerText().catch(() => ""));
    await submit(holder, `form[action='${application}/depot'] button[type=submit]`);
    const status = await go(holder, application);
    expect(status === 200 && (await holder.locator(`form[action='${application}/depot']`).count()) === 0, "submitted: no longer editable");
    expect((await holder.locator("main").textContent()).includes("Planter un verger."), "the answer is kept");
    await visitAndCheck(holder, "/candidatures", "funding: my applications");
    expect((await holder.locator(`a[href='${application}']`).count()) > 0, "listed among the holder's applications");
    await go(funder, call);
    expect((await funder.locator(`a[href='${application}']`).count()) > 0, "the funder's call page lists it");
    await go(funder, application);
    expect((await funder.locator("main").textContent()).includes("budget 2026.pdf"), "the funder sees the PDF");
  });

  await step("funding: the prize page", async () => {
    if (!call) return fail("funding: no prize to show");
    await visitAndCheck(anonymous, `${call}/palmares`, "funding: prize results");
  });
}
