// Essaim in a real browser (Debian's Chromium): the user journeys, axe-core on every page type
// (WCAG 2.1 A and AA), pages at 320 px wide, and keyboard use. Run by
// crates/web/tests/browser.rs against a fresh site; alone:
//   ESSAIM_URL=http://127.0.0.1:8080 ESSAIM_ADMIN_EMAIL=… ESSAIM_ADMIN_PASSWORD=… node journeys.mjs
// Exits non-zero after printing every failure (it goes on after one, to show them all).

import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import * as network from "./network.mjs";
import * as exchange from "./exchange.mjs";
import * as groups from "./groups.mjs";
import * as blockers from "./blockers.mjs";
import * as news from "./news.mjs";
import * as events from "./events.mjs";
import * as cafe from "./cafe.mjs";
import * as collecte from "./collecte.mjs";
import * as hackathons from "./hackathons.mjs";
import * as jury from "./jury.mjs";
import * as funding from "./funding.mjs";
import * as review from "./review.mjs";
import * as impact from "./impact.mjs";
import * as assessment from "./assessment.mjs";
import * as outcomes from "./outcomes.mjs";
import * as barometer from "./barometer.mjs";

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");
const BASE = need("ESSAIM_URL");
const ADMIN = { email: need("ESSAIM_ADMIN_EMAIL"), password: need("ESSAIM_ADMIN_PASSWORD") };
const PASSWORD = "une ruche au bord de l'Aulne";
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// axe-core is injected as a script: the contexts bypass the site's CSP (script-src 'self').
const CONTEXT = { locale: "fr-FR", bypassCSP: true };

const failures = [];
let axeRuns = 0;
const checkedPages = new Set();

function need(name) {
  const v = process.env[name];
  if (!v) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return v;
}

function fail(what, detail = "") {
  failures.push(`${what}${detail ? `\n    ${detail}` : ""}`);
  console.log(`FAIL ${what}`);
}

function expect(cond, what, detail) {
  if (!cond) fail(what, detail);
  return cond;
}

/// Runs one step; an exception fails the step and the journey goes on with the next one.
async function step(name, body) {
  try {
    const before = failures.length;
    await body();
    if (failures.length === before) console.log(`ok   ${name}`);
  } catch (e) {
    fail(name, String(e && e.stack ? e.stack.split("\n").slice(0, 4).join("\n    ") : e));
  }
}

async function go(page, path) {
  const response = await page.goto(BASE + path);
  return response ? response.status() : 0;
}

/// axe-core in the page, WCAG 2.1 A and AA rules, at the current width and at 320 px.
async function checkPage(page, label) {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.addScriptTag({ path: AXE_PATH });
    const result = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: "tag", values: tags } });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
      }));
    }, WCAG_TAGS);
    axeRuns += 1;
    for (const v of result) {
      fail(`axe ${label} at ${width}px: ${v.id} (${v.impact}) ${v.help}`, v.nodes.join("\n    "));
    }
    if (width === 320) {
      // RGAA 10.11 / WCAG 1.4.10: no horizontal scrolling at 320 CSS pixels.
      const overflow = await page.evaluate(() => {
        // Absolutely positioned ones first: they escape scrolling boxes that are not positioned.
        const wide = [...document.querySelectorAll("body *")]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .sort((a, b) => (getComputedStyle(b).position === "absolute") - (getComputedStyle(a).position === "absolute"));
        return {
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
          culprits: wide.slice(0, 3).map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : "")),
        };
      });
      expect(
        overflow.scroll <= overflow.client,
        `${label} scrolls sideways at 320px (${overflow.scroll} > ${overflow.client})`,
        overflow.culprits.join(", "),
      );
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  checkedPages.add(label);
}

async function visitAndCheck(page, path, label, status = 200) {
  const got = await go(page, path);
  expect(got === status, `${label}: ${path} answered ${got}, expected ${status}`);
  await checkPage(page, label);
}

/// Presses Tab until the focused element matches `selector` (as a keyboard user would).
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) {
      return;
    }
  }
  throw new Error(`Tab never reached ${selector}`);
}

/// Whether the focused element shows where focus is (an outline or a box shadow).
async function focusIsVisible(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { ok: false, what: "body" };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow && s.boxShadow !== "none";
    return { ok: outline || shadow, what: el.outerHTML.slice(0, 80) };
  });
}

async function signIn(page, email, password) {
  await go(page, "/connexion");
  await page.fill("#email", email);
  await page.fill("#password", password);
  await Promise.all([page.waitForNavigation(), page.click("form[action='/connexion'] button[type=submit]")]);
}

/// The newest confirmation link mailed to `email`, read by the admin in the outbox page.
async function mailedLink(adminPage, email, path) {
  await go(adminPage, "/admin/courriels");
  // textContent: the bodies sit in closed <details>.
  const text = await adminPage.locator("main").textContent();
  const at = text.indexOf(email);
  if (at < 0) throw new Error(`no mail to ${email} in the outbox`);
  const m = text.slice(at).match(new RegExp(`${BASE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${path}\\?jeton=[A-Za-z0-9_-]+`));
  if (!m) throw new Error(`no ${path} link in the mail to ${email}`);
  return m[0].slice(BASE.length);
}

/// Signs up in `p`, then follows the link mailed (read by the admin in the outbox) and confirms;
/// `onConfirmPage` runs on the page the link opens.
async function signUpAndConfirm(p, email, name, onConfirmPage = async () => {}) {
  await go(p, "/inscription");
  await p.fill("#email", email);
  await p.fill("#name", name);
  await p.fill("#password", PASSWORD);
  await Promise.all([p.waitForNavigation(), p.click("form[action='/inscription'] button[type=submit]")]);
  await go(p, await mailedLink(admin, email, "/confirmation"));
  await onConfirmPage();
  await Promise.all([p.waitForNavigation(), p.click("main form button[type=submit]")]);
}

const browser = await chromium.launch({
  executablePath: process.env.ESSAIM_CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const adminContext = await browser.newContext(CONTEXT);
adminContext.setDefaultTimeout(10_000);
const admin = await adminContext.newPage();
const personContext = await browser.newContext(CONTEXT);
personContext.setDefaultTimeout(10_000);
const page = await personContext.newPage();
const anonymousContext = await browser.newContext(CONTEXT);
anonymousContext.setDefaultTimeout(10_000);
const anonymous = await anonymousContext.newPage();

const stamp = Date.now().toString(36);
const person = { email: `claire.${stamp}@exemple.fr`, name: "Claire Le Gall" };
const title = `Repair café ${stamp}`;
let initiativePath = "";
let forkPath = "";
let structurePath = "";

await step("admin signs in", async () => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  expect((await admin.locator("a[href='/admin']").count()) > 0, "the admin sees the admin link");
});

// ---- Pages a visitor sees before any account, and the keyboard on the home page.
await step("home: skip link, focus, landmarks", async () => {
  await go(anonymous, "/");
  await anonymous.keyboard.press("Tab");
  const first = await anonymous.evaluate(() => document.activeElement.className);
  expect(first.includes("skip-link"), "the first Tab stop is the skip link", first);
  const visible = await focusIsVisible(anonymous);
  expect(visible.ok, "the skip link shows focus", visible.what);
  const box = await anonymous.locator(".skip-link").boundingBox();
  expect(box && box.y >= 0 && box.height > 0, "the focused skip link is on screen");
  await anonymous.keyboard.press("Enter");
  const target = await anonymous.evaluate(() => document.activeElement.id);
  expect(target === "contenu", "Enter on the skip link moves focus to the content", target);
  // The next stops all show where focus is.
  await go(anonymous, "/");
  for (let i = 0; i < 12; i++) {
    await anonymous.keyboard.press("Tab");
    const v = await focusIsVisible(anonymous);
    expect(v.ok, `Tab stop ${i + 1} on the home page shows focus`, v.what);
  }
  for (const landmark of ["header", "nav", "main", "footer"]) {
    expect((await anonymous.locator(landmark).count()) > 0, `the home page has a ${landmark}`);
  }
});

// The checker itself: a page with a known defect must fail, or a silent axe would pass all.
await step("axe-core finds a known defect", async () => {
  await go(anonymous, "/");
  await anonymous.evaluate(() => {
    const img = document.createElement("img");
    img.src = "/favicon.ico";
    document.querySelector("main").appendChild(img);
  });
  await anonymous.addScriptTag({ path: AXE_PATH });
  const ids = await anonymous.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return r.violations.map((v) => v.id);
  }, WCAG_TAGS);
  expect(ids.includes("image-alt"), "axe-core reports an image without text", ids.join(", "));
});

await step("anonymous page types pass axe-core", async () => {
  await visitAndCheck(anonymous, "/confidentialite", "privacy");
  await visitAndCheck(anonymous, "/", "home");
  await visitAndCheck(anonymous, "/initiatives", "catalogue");
  await visitAndCheck(anonymous, "/initiatives?q=zzzqqq", "catalogue, no result");
  await visitAndCheck(anonymous, "/structures", "structures list");
  await visitAndCheck(anonymous, "/territoires?q=brest", "territories");
  await visitAndCheck(anonymous, "/data", "open data");
  await visitAndCheck(anonymous, "/accessibilite", "accessibility statement");
  await visitAndCheck(anonymous, "/mentions-legales", "legal notice");
  await visitAndCheck(anonymous, "/connexion", "sign-in form");
  await visitAndCheck(anonymous, "/mot-de-passe/oubli", "password reset request");
  await visitAndCheck(anonymous, "/page-qui-n-existe-pas", "not found", 404);
});

// ---- Journey: sign up and confirm, with the form's errors on the way.
await step("sign-up with errors, then sign-up and confirm", async () => {
  await go(page, "/inscription");
  await checkPage(page, "sign-up form");
  await page.fill("#email", "pas-une-adresse");
  await page.fill("#password", "court");
  await Promise.all([page.waitForNavigation(), page.click("form[action='/inscription'] button[type=submit]")]);
  expect((await page.locator(".error-summary").count()) === 1, "sign-up errors are summarised");
  expect((await page.title()).startsWith("Erreur"), "the title says the page has errors", await page.title());
  await checkPage(page, "sign-up form with errors");

  await signUpAndConfirm(page, person.email, person.name, async () => checkPage(page, "confirmation"));
  expect((await page.locator("h1").innerText()) === "Adresse confirmée", "the address is confirmed");
});

// ---- Every form can be filled and sent without a mouse: the sign-in form, by keyboard.
await step("sign in by keyboard", async () => {
  await go(page, "/connexion");
  await page.fill("#email", "x@y.fr"); // a wrong try first: the error page is checked too
  await page.fill("#password", "faux mot de passe");
  await Promise.all([page.waitForNavigation(), page.click("form[action='/connexion'] button[type=submit]")]);
  await checkPage(page, "sign-in form with error");
  await go(page, "/connexion");
  await tabTo(page, "#email");
  await page.keyboard.type(person.email);
  await tabTo(page, "#password");
  await page.keyboard.type(PASSWORD);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  expect((await page.locator("a[href='/compte']").count()) > 0, "signed in by keyboard");
});

await step("create a structure", async () => {
  await go(page, "/structures/nouvelle");
  await Promise.all([page.waitForNavigation(), page.click("main form button[type=submit]")]);
  await checkPage(page, "structure form with errors");
  await page.fill("#name", `Ressourcerie ${stamp}`);
  await page.selectOption("#kind", { index: 1 });
  await page.fill("#territory", "Brest");
  await page.fill("#description", "Une *association* qui répare.");
  await Promise.all([page.waitForNavigation(), page.click("main form button[type=submit]")]);
  structurePath = new URL(page.url()).pathname;
  expect(/^\/structures\/[0-9a-f-]{36}$/.test(structurePath), "the new structure has its page", structurePath);
});

// ---- Journey: create an initiative with its recipe, by keyboard only.
await step("create an initiative with its recipe, by keyboard", async () => {
  await go(page, "/initiatives/nouvelle");
  await checkPage(page, "new initiative form");
  // Sent empty first: the errors, then filled by keyboard alone.
  await Promise.all([page.waitForNavigation(), page.click("button[value=publish]")]);
  expect((await page.locator(".error-summary a").count()) >= 2, "missing fields are listed");
  await checkPage(page, "new initiative form with errors");
  const type = async (selector, text) => {
    await tabTo(page, selector);
    await page.keyboard.type(text);
  };
  await page.focus("main h1").catch(() => {});
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await type("#title", title);
  await type("#summary", "Un atelier mensuel où l'on répare ensemble petit électroménager et vélos.");
  await type("#description", "Né dans un **quartier** de Brest.\n\n- bénévoles\n- outils partagés");
  await tabTo(page, "#stage");
  await page.keyboard.press("ArrowDown");
  await tabTo(page, "input[name=challenges]");
  await page.keyboard.press("Space");
  await type("#territories", "Brest");
  await type("#resources", "Un local de 40 m²\nDes outils");
  await type("#steps", "Trouver un local\nRéunir des bénévoles\nOuvrir un samedi par mois");
  await tabTo(page, "#structure");
  await page.keyboard.press("ArrowDown");
  await tabTo(page, "button[value=publish]");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  initiativePath = new URL(page.url()).pathname;
  expect(/^\/initiatives\/[0-9a-f-]{36}$/.test(initiativePath), "published: the initiative's page", initiativePath + " " + (await page.locator(".error-summary").innerText().catch(() => "")));
  expect((await page.locator("h1").innerText()).includes(title), "the page shows the title");
  expect((await page.locator("main").innerText()).includes("Trouver un local"), "the recipe's steps show");
});

await step("find it by search", async () => {
  await go(anonymous, "/initiatives");
  await anonymous.fill("input[name=q]", stamp);
  await Promise.all([anonymous.waitForNavigation(), anonymous.press("input[name=q]", "Enter")]);
  expect((await anonymous.locator(`a[href='${initiativePath}']`).count()) > 0, "search finds the new initiative");
  await checkPage(anonymous, "catalogue with a search");
});

await step("initiative page types pass axe-core", async () => {
  await visitAndCheck(anonymous, initiativePath, "initiative (visitor)");
  await visitAndCheck(page, initiativePath, "initiative (its author)");
  await visitAndCheck(page, `${initiativePath}/modifier`, "initiative edit form");
  await page.fill("#title", "");
  await Promise.all([page.waitForNavigation(), page.click("main form button[type=submit]")]);
  await checkPage(page, "initiative edit form with errors");
  await page.fill("#title", `${title} (bis)`);
  await Promise.all([page.waitForNavigation(), page.click("main form button[type=submit]")]);
  await visitAndCheck(anonymous, `${initiativePath}/historique`, "initiative history");
  await visitAndCheck(page, `${initiativePath}/image/modifier`, "image form");
  await visitAndCheck(page, `${initiativePath}/propositions`, "proposals");
  await visitAndCheck(anonymous, structurePath, "structure page");
  await visitAndCheck(page, `${structurePath}/modifier`, "structure edit form");
  await visitAndCheck(page, `${structurePath}/membres`, "structure members");
});

// ---- Journey: fork it (another person takes the recipe elsewhere).
await step("fork it", async () => {
  await go(admin, initiativePath);
  await Promise.all([admin.waitForNavigation(), admin.click(`a[href='${initiativePath}/reprendre']`)]);
  await checkPage(admin, "fork form");
  await admin.fill("#territory", "Rennes");
  await Promise.all([admin.waitForNavigation(), admin.click("main form button[type=submit]")]);
  forkPath = new URL(admin.url()).pathname;
  expect(forkPath !== initiativePath && /^\/initiatives\/[0-9a-f-]{36}/.test(forkPath), "the fork has its own page", forkPath);
  await visitAndCheck(anonymous, `${initiativePath}/lignee`, "lineage");
});

// ---- Journey: switch language, and back.
await step("switch language", async () => {
  await go(anonymous, "/initiatives");
  await Promise.all([anonymous.waitForNavigation(), anonymous.click("form[action='/langue'] button")]);
  expect((await anonymous.getAttribute("html", "lang")) === "en", "the page is now in English");
  expect(new URL(anonymous.url()).pathname === "/initiatives", "the switch comes back to the same page");
  await checkPage(anonymous, "catalogue in English");
  await visitAndCheck(anonymous, "/inscription", "sign-up form in English");
  await Promise.all([anonymous.waitForNavigation(), anonymous.click("form[action='/langue'] button")]);
  expect((await anonymous.getAttribute("html", "lang")) === "fr", "back in French");
});

await step("account and admin page types pass axe-core", async () => {
  await visitAndCheck(page, "/compte", "account");
  await visitAndCheck(admin, "/admin", "admin: people");
  await visitAndCheck(admin, "/admin/courriels", "admin: outbox");
  await visitAndCheck(admin, "/admin/journal", "admin: audit log");
  await visitAndCheck(admin, "/admin/defis", "admin: challenges");
  await visitAndCheck(admin, "/admin/import", "admin: import");
});

// ---- Journey: a debate (opinion mapping). The admin creates one; others vote; an anonymous
// visitor votes by keyboard (with the page's script, then without it), adds a statement and
// finds their place on the results.
const SEEDS = [
  "Des pistes cyclables séparées des voitures",
  "Des arceaux devant chaque école",
  "Un atelier de réparation dans chaque quartier",
  "Des vélos cargos en prêt",
  "La rue Jean-Jaurès réservée aux piétons et aux vélos",
  "Des cours de vélo pour les adultes",
  "Un parking à vélos gardé à la gare",
  "Des bus qui embarquent les vélos",
];
let debatePath = "";

await step("create a debate, with the form's errors first", async () => {
  await visitAndCheck(admin, "/debats", "debates list");
  await go(admin, "/debats/nouveau");
  await checkPage(admin, "new debate form");
  await admin.fill("#opens_at", "2026-05-02T10:00");
  await admin.fill("#closes_at", "2026-05-01T10:00");
  await admin.fill("#seeds", "Plus de vélos\nplus de vélos !");
  await Promise.all([admin.waitForNavigation(), admin.click("main form button[type=submit]")]);
  expect((await admin.locator(".error-summary a").count()) >= 3, "question, dates and seeds are refused");
  await checkPage(admin, "new debate form with errors");
  await admin.fill("#question", `Comment circuler à vélo dans Brest ? ${stamp}`);
  await admin.fill("#description", "Une consultation du **quartier** avant les travaux.");
  await admin.fill("#seeds", SEEDS.join("\n"));
  await admin.fill("#opens_at", "");
  await admin.fill("#closes_at", "");
  await Promise.all([admin.waitForNavigation(), admin.click("main form button[type=submit]")]);
  debatePath = new URL(admin.url()).pathname;
  expect(/^\/debats\/[0-9a-f-]{36}$/.test(debatePath), "the new debate has its page", debatePath);
  await visitAndCheck(admin, `${debatePath}/modifier`, "debate settings form");
  await visitAndCheck(admin, `${debatePath}/moderation`, "debate moderation");
});

await step("others vote, without a page of their own", async () => {
  // Two camps of two: enough people for opinion groups once the reader has voted too.
  for (const camp of [0, 0, 1, 1]) {
    const ctx = await browser.newContext(CONTEXT);
    const p = await ctx.newPage();
    await go(p, debatePath);
    const status = await p.evaluate(async ({ camp, count }) => {
      const form = document.querySelector("form.vote-card");
      const csrf = form.querySelector("input[name=_csrf]").value;
      let last = 0;
      for (let n = 0; n < count; n++) {
        const agree = n === 0 || (camp === 0) === (n % 2 === 0);
        const body = new URLSearchParams({ statement: String(n), vote: agree ? "agree" : "disagree", _csrf: csrf });
        last = (await fetch(form.action, { method: "POST", body, headers: { Accept: "application/json" } })).status;
      }
      return last;
    }, { camp, count: SEEDS.length });
    expect(status === 200, "votes sent with fetch are recorded", String(status));
    await ctx.close();
  }
});

await step("an anonymous visitor votes by keyboard, the card replaced in place", async () => {
  await go(anonymous, debatePath);
  await checkPage(anonymous, "debate (visitor)");
  const cardNumber = () => anonymous.evaluate(() => {
    const input = document.querySelector("form.vote-card input[name=statement]");
    return input ? Number(input.value) : null;
  });
  for (let i = 0; i < SEEDS.length - 1; i++) {
    const before = await cardNumber();
    expect(before !== null, `a statement to vote on (${i + 1})`);
    if (before === null) break;
    const value = before === 0 || before % 2 === 0 ? "agree" : "disagree";
    await tabTo(anonymous, `form.vote-card button[value=${value}]`);
    if (i === 0) {
      const v = await focusIsVisible(anonymous);
      expect(v.ok, "the vote buttons show focus", v.what);
    }
    await anonymous.keyboard.press("Enter");
    await anonymous.waitForFunction((b) => {
      const input = document.querySelector("form.vote-card input[name=statement]");
      return !input || Number(input.value) !== b;
    }, before);
    const focused = await anonymous.evaluate(() => document.activeElement && document.activeElement.id);
    expect(focused === "vote-focus", "focus moves to the next statement", focused);
  }
  expect(new URL(anonymous.url()).pathname === debatePath, "no page load: the script voted");
  const said = await anonymous.locator("#vote-status").textContent();
  expect(said.includes("enregistré"), "the vote is announced", said);
  const progress = await anonymous.locator("#vote-progress").textContent();
  expect(progress.includes(`${SEEDS.length - 1} sur ${SEEDS.length}`), "the progress follows", progress);
  expect((await anonymous.locator("#my-votes li").count()) === SEEDS.length - 1, "the list of votes follows");
});

await step("without JavaScript, the same vote is a form sent", async () => {
  const ctx = await browser.newContext({ ...CONTEXT, javaScriptEnabled: false });
  const p = await ctx.newPage();
  await go(p, debatePath);
  await tabTo(p, "form.vote-card button[value=pass]");
  await Promise.all([p.waitForNavigation(), p.keyboard.press("Enter")]);
  expect(new URL(p.url()).pathname === debatePath, "back on the debate", p.url());
  expect((await p.locator("#vote-progress").textContent()).includes(`1 sur ${SEEDS.length}`), "the vote counts");
  await ctx.close();
  // The visitor of the keyboard journey votes on the last statement without the script too.
  await anonymous.reload();
  const last = await anonymous.evaluate(() => Number(document.querySelector("form.vote-card input[name=statement]").value));
  await Promise.all([
    anonymous.waitForNavigation(),
    anonymous.evaluate(() => {
      // The script is bypassed: the form is sent as a browser without it would.
      const form = document.querySelector("form.vote-card");
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "vote";
      input.value = "agree";
      form.appendChild(input);
      HTMLFormElement.prototype.submit.call(form);
    }),
  ]);
  expect((await anonymous.locator("form.vote-card").count()) === 0, "every statement voted on", String(last));
});

await step("the visitor adds a statement by keyboard", async () => {
  await go(anonymous, debatePath);
  await tabTo(anonymous, "#proposition");
  await anonymous.keyboard.type("é".repeat(300));
  await tabTo(anonymous, "form[action$='/propositions'] button[type=submit]");
  await Promise.all([anonymous.waitForNavigation(), anonymous.keyboard.press("Enter")]);
  expect((await anonymous.locator(".error-summary").count()) === 1, "a statement too long is refused");
  await checkPage(anonymous, "debate with an error");
  await anonymous.fill("#proposition", "");
  await tabTo(anonymous, "#proposition");
  await anonymous.keyboard.type("Des stationnements vélo sécurisés près des marchés");
  await tabTo(anonymous, "form[action$='/propositions'] button[type=submit]");
  await Promise.all([anonymous.waitForNavigation(), anonymous.keyboard.press("Enter")]);
  expect((await anonymous.locator(".notice-success").innerText()).includes("publiée"), "the statement is published");
});

await step("the visitor finds their place on the results", async () => {
  // The analysis runs in the background after the votes: wait for it.
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await go(anonymous, `${debatePath}/resultats`);
    found = (await anonymous.locator(".og-me").count()) > 0;
    if (!found) await anonymous.waitForTimeout(500);
  }
  expect(found, "the reader is marked on the map");
  expect((await anonymous.locator(".og-me text").textContent()) === "vous", "marked « vous » in words");
  expect((await anonymous.locator("svg.opinion-map title").count()) === 1, "the map has a title");
  expect((await anonymous.locator(".groups-table tbody tr").count()) >= 2, "a table of the groups");
  await checkPage(anonymous, "debate results");
  await visitAndCheck(anonymous, `${debatePath}/rapport`, "debate report");
  await visitAndCheck(admin, debatePath, "debate (its moderator)");
});

// ---- Journey: an organiser draws a citizens' panel by lot, with quotas; the public page shows
// the result without a name.
const PANEL_QUOTAS = "Genre, Femme, 2, 3\nGenre, Homme, 2, 3\nÂge, Jeune, 1, 3\nÂge, Aîné, 1, 3";
const PANEL_CSV = [
  "nom,courriel,Genre,Âge",
  ...["Anne", "Bleuenn", "Catherine", "Dorothée", "Élise"].map((n, i) => `${n} Le Bihan,${n.toLowerCase()}.${stamp}@exemple.fr,Femme,${i % 2 ? "Aîné" : "Jeune"}`),
  ...["Fañch", "Gwenaël", "Hervé", "Iwan", "Jakez"].map((n, i) => `${n} Riou,${n.toLowerCase()}.${stamp}@exemple.fr,Homme,${i % 2 ? "Jeune" : "Aîné"}`),
].join("\n");
let panelPath = "";

await step("organise a sortition: quotas, import, selection, draw", async () => {
  await visitAndCheck(admin, "/tirages", "sortition list");
  await go(admin, "/tirages/nouveau");
  await checkPage(admin, "new sortition form");
  await admin.fill("#panel_size", "4");
  await admin.fill("#quotas", "Genre, Femme, 2, 3\nGenre, Homme, 5, 3");
  await Promise.all([admin.waitForNavigation(), admin.click("main form button[type=submit]")]);
  expect((await admin.locator(".error-summary a").count()) >= 3, "structure, title and quotas are refused");
  expect((await admin.locator("#quotas-error").innerText()).includes("Ligne 2"), "the quota error names its line");
  await checkPage(admin, "new sortition form with errors");
  await admin.selectOption("#structure", { index: 1 });
  await admin.fill("#title", `Convention citoyenne des mobilités ${stamp}`);
  await admin.fill("#purpose", "Un panel pour **repenser** les déplacements.");
  await admin.fill("#quotas", PANEL_QUOTAS);
  await Promise.all([admin.waitForNavigation(), admin.click("main form button[type=submit]")]);
  panelPath = new URL(admin.url()).pathname;
  expect(/^\/tirages\/[0-9a-f-]{36}$/.test(panelPath), "the new panel has its page", panelPath);
  expect((await admin.locator("form[action$='/inscription']").count()) === 1, "registration is open");
  await checkPage(admin, "sortition with its registration form");
  await visitAndCheck(admin, `${panelPath}/modifier`, "sortition settings form");

  await go(admin, `${panelPath}/gestion`);
  await checkPage(admin, "sortition management");
  await admin.setInputFiles("#import-file", { name: "volontaires.csv", mimeType: "text/csv", buffer: Buffer.from(PANEL_CSV) });
  await Promise.all([admin.waitForNavigation(), admin.click("form[action*='/import'] button[type=submit]")]);
  expect((await admin.locator(".notice-success").innerText()).includes("10 volontaires importés"), "ten volunteers imported");
  await Promise.all([admin.waitForNavigation(), admin.click("form[action$='/selection'] button[type=submit]")]);
  expect((await admin.locator("td.probability").count()) === 10, "every volunteer's chance is shown");
  expect((await admin.locator("svg[role=img] title").count()) === 1, "the histogram has a title");
  await checkPage(admin, "sortition management with a selection");
  await admin.fill("#seed", " 07 12 33 / 41 49 (5) ");
  await Promise.all([admin.waitForNavigation(), admin.click("form[action$='/tirage'] button[type=submit]")]);
  expect((await admin.locator(".notice-success").innerText()).includes("7-12-33-41-49-5"), "the seed is shown normalised");
  await checkPage(admin, "sortition management after the draw");
});

await step("the public page shows the draw, and no name", async () => {
  await go(anonymous, panelPath);
  const text = await anonymous.locator("main").innerText();
  expect(text.includes("Panel formé"), "the panel is formed");
  expect(text.includes("7-12-33-41-49-5"), "the seed is public");
  expect(!text.includes("Le Bihan") && !text.includes("@exemple.fr"), "no name nor e-mail on the public page");
  expect((await anonymous.locator(".drawn-numbers").count()) === 1, "the numbers drawn");
  const inputs = await anonymous.evaluate(async (h) => (await fetch(h)).json(), `${panelPath}/tirages/0.json`);
  expect(inputs && inputs.format === "essaim-sortition-draw/1", "the draw's inputs are downloadable", JSON.stringify(inputs).slice(0, 120));
  await checkPage(anonymous, "sortition drawn (public)");
});

// ---- Journey: personal data, downloaded then the account deleted.
await step("download my data, then delete my account", async () => {
  await go(page, "/compte");
  await Promise.all([page.waitForNavigation(), page.click("form[action='/compte/donnees'] button")]);
  await checkPage(page, "data download link");
  const href = await page.getAttribute("a[download]", "href");
  const body = await page.evaluate(async (h) => (await fetch(h)).json(), href);
  expect(body.account && body.account.email === person.email, "the file holds the account", JSON.stringify(body).slice(0, 200));
  const again = await page.evaluate(async (h) => (await fetch(h)).status, href);
  expect(again === 410, "the link works once", String(again));

  await go(page, "/compte/suppression");
  await checkPage(page, "account deletion form");
  await page.fill("#current_password", "pas le bon");
  await Promise.all([page.waitForNavigation(), page.click("form[action='/compte/suppression'] button[type=submit]")]);
  await checkPage(page, "account deletion form with errors");
  // The only manager of a structure is asked to name another one first.
  await page.fill("#current_password", PASSWORD);
  await page.check("#understood");
  await Promise.all([page.waitForNavigation(), page.click("form[action='/compte/suppression'] button[type=submit]")]);
  expect((await page.locator(".error-summary").innerText()).includes("seul gestionnaire"), "sole managers cannot leave their structure without one");

  // Someone with no structure deletes their account, by keyboard.
  const leaving = await (await browser.newContext(CONTEXT)).newPage();
  const email = `yann.${stamp}@exemple.fr`;
  await signUpAndConfirm(leaving, email, "Yann Kerouac");
  await signIn(leaving, email, PASSWORD);
  await go(leaving, "/compte/suppression");
  await tabTo(leaving, "#current_password");
  await leaving.keyboard.type(PASSWORD);
  await tabTo(leaving, "#understood");
  await leaving.keyboard.press("Space");
  await tabTo(leaving, "form[action='/compte/suppression'] button[type=submit]");
  await Promise.all([leaving.waitForNavigation(), leaving.keyboard.press("Enter")]);
  expect((await leaving.locator("h1").innerText()) === "Compte supprimé", "the account is deleted", await leaving.locator("h1").innerText());
  await checkPage(leaving, "account deleted");
  expect((await leaving.locator("a[href='/connexion']").count()) > 0, "signed out after deletion");
});

// ---- The network's journeys, one file per context. Each gets this toolkit: the same helpers
// and pages as above, so its steps count in the same failures and axe runs.
const kit = {
  BASE, ADMIN, PASSWORD, CONTEXT, browser, admin, page, anonymous, person, stamp,
  step, go, expect, fail, checkPage, visitAndCheck, tabTo, focusIsVisible, signIn, mailedLink, signUpAndConfirm,
};
for (const journey of [network, exchange, groups, blockers, news, funding, review, impact, assessment, outcomes, barometer, events, collecte, cafe, hackathons, jury]) await journey.run(kit);

await browser.close();
console.log(`\n${checkedPages.size} page types, ${axeRuns} pages checked with axe-core (${WCAG_TAGS.join(", ")}), at 1280 and 320 px.`);
if (failures.length > 0) {
  console.log(`\n${failures.length} failure(s):\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
