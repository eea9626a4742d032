// Browser journey: events. The journeys' signed-in person creates a structure and organises
// a meetup of one place by keyboard (a first try with the end before the start is refused, the
// values kept); the admin registers and takes the place, the organiser joins the waiting list
// and moves up when the admin cancels; the organiser reads the attendee list; the iCalendar
// file and the Atom feed answer with their types. axe-core on the list, the form (empty and
// with errors), an event (anonymous, registered, waiting) and the attendee list. Nobody new
// signs up: the sign-up throttle of one address is kept for the other journeys.
// Called by journeys.mjs with its toolkit (see there).

export async function run(kit) {
  const { BASE, admin, anonymous, page: p, stamp, step, go, expect, checkPage, visitAndCheck } = kit;
  const title = `Apéro des initiatives ${stamp}`;
  let eventUrl = "";
  const submit = async (page, selector) => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };
  // datetime-local values, in the browser's clock (the server reads them as Paris time).
  const local = (days, hours) => {
    const d = new Date(Date.now() + days * 86_400_000 + hours * 3_600_000);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };

  await step("événements: the list, anonymous", async () => {
    await visitAndCheck(anonymous, "/evenements", "events list");
    await visitAndCheck(anonymous, "/evenements?quand=passes", "past events list");
  });

  await step("événements: an organiser's refused form keeps what was typed, then the event is published", async () => {
    await go(p, "/structures/nouvelle");
    await p.fill("#name", `Les Ruches ${stamp}`);
    await p.selectOption("#kind", "association");
    await p.fill("#territory", "Brest");
    await submit(p, "main form button[type=submit]");
    await visitAndCheck(p, "/evenements/nouveau", "event form");
    // The journeys' person manages several structures by now: tick the one that organises.
    await p.getByLabel(`Les Ruches ${stamp}`, { exact: true }).check();
    await p.focus("#title");
    await p.keyboard.type(title);
    await p.fill("#description", "Trois minutes **par projet**.");
    await p.fill("#starts_at", local(3, 2));
    await p.fill("#ends_at", local(3, 0));
    await p.fill("#address", "Les Capucins");
    await p.fill("#commune", "Brest");
    await p.fill("#capacity", "1");
    await submit(p, "main form[action='/evenements'] button[type=submit]");
    const text = await p.locator("main").textContent();
    expect(text.includes("La fin doit être après le début."), "événements: the end before the start is refused in words");
    expect((await p.inputValue("#title")) === title, "événements: the title is kept");
    await checkPage(p, "event form with errors");
    await p.fill("#ends_at", local(3, 4));
    await p.focus("main form[action='/evenements'] button[type=submit]");
    await Promise.all([p.waitForNavigation(), p.keyboard.press("Enter")]);
    eventUrl = new URL(p.url()).pathname;
    expect(/^\/evenements\/[0-9a-f-]{36}$/.test(eventUrl), "événements: the event has its page", eventUrl);
    await checkPage(p, "event page (organiser)");
  });

  await step("événements: the admin takes the only place, the organiser waits and moves up", async () => {
    if (!eventUrl) return;
    await visitAndCheck(anonymous, eventUrl, "event page (anonymous)");
    await go(admin, eventUrl);
    await submit(admin, `form[action='${eventUrl}/inscription'] button[type=submit]`);
    expect((await admin.locator("main").textContent()).includes("Vous êtes inscrit·e."), "événements: the admin is registered");
    await checkPage(admin, "event page (registered)");
    await go(p, eventUrl);
    await submit(p, `form[action='${eventUrl}/inscription'] button[type=submit]`);
    expect((await p.locator("main").textContent()).includes("en position 1"), "événements: the organiser waits first in line");
    await checkPage(p, "event page (waiting)");
    await go(admin, eventUrl);
    await submit(admin, `form[action='${eventUrl}/desinscription'] button[type=submit]`);
    await go(p, eventUrl);
    expect((await p.locator("main").textContent()).includes("Vous êtes inscrit·e."), "événements: the waiting person moved up");
  });

  await step("événements: the attendee list, the calendar file and the feed", async () => {
    if (!eventUrl) return;
    await visitAndCheck(p, `${eventUrl}/participants`, "event attendees");
    expect((await p.locator("main").textContent()).includes("Personne pour le moment."), "événements: nobody waits any more");
    const ics = await anonymous.request.get(BASE + `${eventUrl}.ics`);
    expect(ics.headers()["content-type"].startsWith("text/calendar"), "événements: an iCalendar file");
    expect((await ics.text()).includes("BEGIN:VEVENT"), "événements: the file holds the event");
    const feed = await anonymous.request.get(BASE + "/evenements.atom");
    expect(feed.headers()["content-type"].startsWith("application/atom+xml"), "événements: an Atom feed");
    expect((await feed.text()).includes(stamp), "événements: the feed lists it");
  });
}
