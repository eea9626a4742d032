// Browser journey: collecte. The journeys' signed-in person creates a structure and an event
// of kind collecte, opens its collection from the room screen (code and QR code); two phones
// (separate browser contexts, one in French, one in English, no account) join by the code and
// submit, and the room screen shows both items as they arrive (server-sent events, no reload)
// and again after a reload; the facilitator turns one into a draft initiative whose page shows
// "Collectée le … lors de …", merges a duplicate, then closes: the phones get "cette collecte
// est terminée". axe-core on the room screen (empty, open, live, closed), the phones' form
// (French, English, with errors), the code form and the closed page.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { CONTEXT, browser, page: p, stamp, step, go, expect, checkPage, visitAndCheck } = kit;
  const title = `Table ronde des innovations ${stamp}`;
  let eventUrl = "";
  let code = "";
  const submit = async (page, selector) => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };
  const local = (days, hours) => {
    const d = new Date(Date.now() + days * 86_400_000 + hours * 3_600_000);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };
  // Two phones: their own cookies, a phone's width, one in English.
  const phoneFr = await (await browser.newContext({ ...CONTEXT, viewport: { width: 375, height: 740 } })).newPage();
  const phoneEn = await (await browser.newContext({ ...CONTEXT, locale: "en-GB", viewport: { width: 375, height: 740 } })).newPage();

  await step("collecte: an organiser creates a collecte event and opens its collection", async () => {
    await go(p, "/structures/nouvelle");
    await p.fill("#name", `Collectif des tables rondes ${stamp}`);
    await p.selectOption("#kind", "association");
    await p.fill("#territory", "Morlaix");
    await submit(p, "main form button[type=submit]");
    await go(p, "/evenements/nouveau");
    await p.getByLabel(`Collectif des tables rondes ${stamp}`, { exact: true }).check();
    await p.selectOption("#kind", "collecte");
    await p.fill("#title", title);
    await p.fill("#starts_at", local(0, 1));
    await p.fill("#ends_at", local(0, 3));
    await p.fill("#address", "Salle du Roudour");
    await p.fill("#commune", "Morlaix");
    await submit(p, "main form[action='/evenements'] button[type=submit]");
    eventUrl = new URL(p.url()).pathname;
    expect(/^\/evenements\/[0-9a-f-]{36}$/.test(eventUrl), "collecte: the event has its page", eventUrl);
    await submit(p, `a[href='${eventUrl}/collecte']`);
    await checkPage(p, "collecte room screen (not open)");
    await submit(p, `form[action='${eventUrl}/collecte'] button[type=submit]`);
    code = (await p.locator(".collecte-code").innerText()).trim();
    expect(/^[23456789A-HJKMNP-Z]{7}$/.test(code), "collecte: a 7-character code from the unambiguous alphabet", code);
    expect((await p.locator(".collecte-qr-box svg[role=img]").count()) === 1, "collecte: the QR code is inline SVG");
    await checkPage(p, "collecte room screen (open)");
  });

  await step("collecte: two phones join by code and submit; the room screen updates live", async () => {
    if (!code) return;
    // Typed by hand, in lower case: the code form sends the phone to the collection.
    await visitAndCheck(phoneFr, "/c", "collecte code form");
    await phoneFr.fill("#code", code.toLowerCase());
    await submit(phoneFr, "main form[action='/c'] button[type=submit]");
    expect(new URL(phoneFr.url()).pathname === `/c/${code}`, "collecte: the code form leads to the collection", phoneFr.url());
    await checkPage(phoneFr, "collecte phone form");
    // A contact without consent is refused in words, what was typed is kept.
    await phoneFr.fill("#name", "Repair café du Roudour");
    await phoneFr.fill("#commune", "Morlaix");
    await phoneFr.fill("#what", "On répare ensemble le samedi.");
    await phoneFr.fill("#contact", "06 12 34 56 78");
    await submit(phoneFr, `main form[action='/c/${code}'] button[type=submit]`);
    expect((await phoneFr.locator("main").innerText()).includes("accord de la personne"), "collecte: a contact needs consent");
    expect((await phoneFr.inputValue("#name")) === "Repair café du Roudour", "collecte: the name is kept");
    await checkPage(phoneFr, "collecte phone form with errors");
    await phoneFr.check("#consent");
    await submit(phoneFr, `main form[action='/c/${code}'] button[type=submit]`);
    expect((await phoneFr.locator("#mine").innerText()).includes("Repair café du Roudour"), "collecte: the phone lists its item");
    // The room screen is open (and listening) while the English phone submits.
    await go(p, `${eventUrl}/collecte`);
    await go(phoneEn, `/c/${code}`);
    expect((await phoneEn.locator("h1").innerText()).includes("Share an innovation"), "collecte: the phone's form in English");
    await checkPage(phoneEn, "collecte phone form (English)");
    await phoneEn.fill("#name", "Épicerie solidaire de Morlaix");
    await phoneEn.fill("#commune", "Morlaix");
    await phoneEn.fill("#what", "Des produits frais à petits prix.");
    await phoneEn.fill("#carrier", "CCAS");
    await submit(phoneEn, `main form[action='/c/${code}'] button[type=submit]`);
    await phoneEn.fill("#name", "Repair café de Morlaix");
    await phoneEn.fill("#commune", "Morlaix");
    await submit(phoneEn, `main form[action='/c/${code}'] button[type=submit]`);
    try {
      await p.locator("#collecte-items", { hasText: "Repair café de Morlaix" }).waitFor({ timeout: 15_000 });
      expect(true, "collecte: live");
    } catch {
      expect(false, "collecte: the room screen shows the new items without a reload");
    }
    expect((await p.locator("#collecte-count").innerText()).trim() === "3", "collecte: the count follows live");
    await checkPage(p, "collecte room screen (live)");
    await go(p, `${eventUrl}/collecte`);
    const text = await p.locator("#collecte-items").innerText();
    expect(text.includes("Repair café du Roudour") && text.includes("Épicerie solidaire de Morlaix"), "collecte: a reload shows both phones' items");
    expect(!text.includes("06 12 34 56 78"), "collecte: contacts are not projected");
  });

  await step("collecte: the facilitator merges a duplicate and turns an item into a draft initiative", async () => {
    if (!code) return;
    const dup = p.locator(".collecte-item", { hasText: "Repair café du Roudour" });
    await dup.locator("summary").click();
    await dup.locator("input[name=duplicate]").fill("3");
    await submit(p, `.collecte-item:has-text("Repair café du Roudour") form.collecte-merge button[type=submit]`);
    expect((await p.locator("#collecte-items").innerText()).includes("Doublon fusionné dans le n° 1"), "collecte: the duplicate is merged, its text kept");
    const item = p.locator(".collecte-item", { hasText: "Épicerie solidaire de Morlaix" });
    await item.locator("summary").click();
    await submit(p, `.collecte-item:has-text("Épicerie solidaire de Morlaix") form[action$='/initiative'] button[type=submit]`);
    const url = new URL(p.url()).pathname;
    expect(/^\/initiatives\/[0-9a-f-]{36}$/.test(url), "collecte: the item became an initiative", url);
    const page = await p.locator("main").innerText();
    expect(page.includes("Collectée le") && page.includes(title), "collecte: the initiative shows where it was collected", page.slice(0, 300));
    await checkPage(p, "initiative collected in a collecte");
  });

  await step("collecte: closing expires the code", async () => {
    if (!code) return;
    await go(p, `${eventUrl}/collecte`);
    await submit(p, `form[action='${eventUrl}/collecte/cloture'] button[type=submit]`);
    expect((await p.locator("main").innerText()).includes("Collecte close le"), "collecte: the room screen says it is closed");
    await checkPage(p, "collecte room screen (closed)");
    await visitAndCheck(phoneFr, `/c/${code}`, "collecte closed (phone)", 410);
    expect((await phoneFr.locator("h1").innerText()).includes("Cette collecte est terminée"), "collecte: the phone is told it is over");
  });
  await phoneFr.context().close();
  await phoneEn.context().close();
}
