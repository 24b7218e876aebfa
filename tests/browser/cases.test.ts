// The helpline in Chromium with JavaScript off, in Spanish (issue 14 §4): two organisations set up their
// helplines on the settings page; a person opens a case without an account and gets the code and
// passphrase once; a handler answers, late; the person reads the answer with the code and passphrase
// and agrees to a referral; the second helpline accepts it. axe-core checks the intake form, the
// person's case, the queue, the case page and the attainment page; the Arabic pages are drawn at 375 px
// and must fit.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, newOrg, type Person } from '../helpers/accounts.ts';
import { TestClock } from '../helpers/context.ts';
import { expectAccessible } from './axe.ts';
import { chromiumAvailable, useBrowserAndApp } from './browser.ts';

const WHAT = 'Detuvieron a Rosaura Quintanilla-Ibarra frente a la radio comunitaria de Chalatenango.';
const CONTACT = 'signal: canary-contact-7731';
const REPLY = 'Estamos con usted. Llamamos a una abogada de la red.';
const WIDTH = 375;

describe.skipIf(!chromiumAvailable())('the helpline in a browser without JavaScript', () => {
  const clock = new TestClock();
  const s = useBrowserAndApp({ seed: false, clock });

  async function newPage(browser: Browser, width = 1024): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL: s.app.origin,
      viewport: { width, height: 900 },
    });
    context.setDefaultTimeout(10_000);
    return context.newPage();
  }

  async function submit(page: Page, button: string | RegExp) {
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: button, exact: typeof button === 'string' }).click(),
    ]);
  }

  async function signedIn(browser: Browser, person: Person, next: string): Promise<Page> {
    const page = await newPage(browser);
    await page.goto(`/es/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Correo electrónico').fill(person.email);
    await page.getByLabel('Contraseña', { exact: true }).fill(person.password);
    await submit(page, 'Iniciar sesión');
    expect(new URL(page.url()).pathname).toBe(next);
    return page;
  }

  /** Sets a helpline up on its settings page; the address of its request form, as the queue shows it. */
  async function setUp(page: Page, orgId: string, languages: string): Promise<string> {
    await page.goto(`/es/orgs/${orgId}/helpline/settings`);
    await page.getByLabel('La línea de ayuda acepta casos nuevos').check();
    await page.getByLabel('Idiomas en los que responde').fill(languages);
    await page.getByLabel('Abierta las 24 horas').check();
    await page.getByLabel('Plazo objetivo de primera respuesta (minutos)').fill('120');
    await page.getByLabel('Conservar los casos cerrados durante (días)').fill('90');
    await submit(page, 'Guardar los ajustes');
    expect(await page.locator('.notice').innerText()).toBe('Ajustes guardados.');
    await page.getByRole('link', { name: 'Línea de ayuda', exact: true }).click();
    return new URL(await page.locator('main code').first().innerText()).pathname;
  }

  /** axe needs script: the page again in a context with JavaScript on, holding the same cookies. */
  async function axe(from: BrowserContext, path: string, label: string): Promise<void> {
    const context = await s.browser.newContext({ bypassCSP: true, javaScriptEnabled: true, baseURL: s.app.origin });
    context.setDefaultTimeout(10_000);
    try {
      await context.addCookies(await from.cookies());
      const page = await context.newPage();
      expect((await page.goto(path))?.status(), label).toBe(200);
      await expectAccessible(page, label);
    } finally {
      await context.close();
    }
  }

  /** The Arabic page at 375 px: right to left, nothing wider than the window, and a picture to look at. */
  async function narrowArabic(page: Page, path: string, name: string): Promise<void> {
    expect((await page.goto(path))?.status(), path).toBe(200);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.screenshot({ path: `test-results/cases-${name}-ar.png`, fullPage: true }).catch(() => undefined);
    expect(wide, `${path} is wider than the window`).toBeLessThanOrEqual(WIDTH);
  }

  it('opens a case in Spanish, answers it, and passes it on with consent', async () => {
    const env = s.app.env;
    const [orgA, orgB] = [await newOrg(env, 'Línea de Ayuda Digital'), await newOrg(env, 'Red de Abogadas')];
    const [adminA, handler, adminB] = [
      await addMember(env, orgA, 'admin'),
      await addMember(env, orgA, 'member'),
      await addMember(env, orgB, 'admin'),
    ];
    const [intake, intakeB] = await Promise.all([
      signedIn(s.browser, adminA, `/es/orgs/${orgA}/helpline`).then((page) => setUp(page, orgA, 'es ar en')),
      signedIn(s.browser, adminB, `/es/orgs/${orgB}/helpline`).then((page) => setUp(page, orgB, 'es')),
    ]);
    for (const form of [intake, intakeB]) expect(form).toMatch(/^\/es\/helplines\/[\w-]+$/);

    // The person: no account, JavaScript off. An empty request keeps what they typed.
    const person = await newPage(s.browser);
    expect((await person.goto(intake))?.status()).toBe(200);
    await person.getByLabel('Cómo contactarle de forma segura (opcional)').fill(CONTACT);
    await submit(person, 'Enviar solicitud');
    expect(await person.locator('.error-summary').count()).toBe(1);
    expect(await person.getByLabel('Cómo contactarle de forma segura (opcional)').inputValue()).toBe(CONTACT);
    await axe(person.context(), intake, 'the request form');
    await person.getByLabel('¿Qué está pasando?').fill(WHAT);
    expect(await person.getByLabel('Idioma de nuestra respuesta').inputValue()).toBe('es');
    await submit(person, 'Enviar solicitud');
    expect(new URL(person.url()).pathname).toBe(`${intake}/opened`);
    const code = await person.locator('[data-case-code]').innerText();
    const passphrase = await person.locator('[data-case-passphrase]').innerText();
    expect(code).toMatch(/\w/);
    await person.reload();
    expect(await person.locator('[data-case-code]').count()).toBe(0); // shown once

    // Two and a half hours later a handler answers, past the two-hour target.
    clock.advance(150 * 60_000);
    const desk = await signedIn(s.browser, handler, `/es/orgs/${orgA}/helpline`);
    // A handler who is not an admin can give the form's address out too.
    expect(await desk.locator('main code').first().innerText()).toBe(`${s.app.origin}${intake}`);
    await desk.getByRole('link', { name: 'español (1)' }).click();
    expect(await desk.locator('.clock.late').innerText()).toContain('fuera de plazo');
    await axe(desk.context(), `/es/orgs/${orgA}/helpline?lang=es`, 'the queue');
    await desk.locator('table a').first().click();
    const casePath = new URL(desk.url()).pathname;
    expect(await desk.locator('.messages').innerText()).toContain('Rosaura Quintanilla-Ibarra');
    await desk.getByLabel('Su respuesta, o una nota interna').fill(REPLY);
    await submit(desk, 'Enviar respuesta');
    expect(await desk.locator('.notice').innerText()).toBe('Respuesta enviada.');
    clock.advance(60_000);
    await desk.getByLabel('Su respuesta, o una nota interna').fill('Nota interna: verificar con la red');
    await submit(desk, 'Guardar como nota interna');
    expect(await desk.locator('.notice').innerText()).toBe('Nota guardada.');
    expect(await desk.locator('.message-note .meta').innerText()).toMatch(/^Test member · nota interna · /);
    clock.advance(60_000);

    // The person comes back with the code (typed in lower case) and the passphrase.
    await person.getByRole('link', { name: 'Ir a mi caso' }).click();
    await person.getByLabel('Código de caso').fill(code.toLowerCase());
    await person.getByLabel('Frase secreta').fill('AAAAA-AAAAA-AAAAA-AAAAA');
    await submit(person, 'Abrir mi caso');
    expect(await person.locator('.error-summary').innerText()).toContain('no abren ningún caso');
    await person.getByLabel('Código de caso').fill(code.toLowerCase());
    await person.getByLabel('Frase secreta').fill(passphrase);
    await submit(person, 'Abrir mi caso');
    const seen = await person.locator('main').innerText();
    expect(seen).toContain(REPLY);
    expect(seen).not.toContain('Nota interna');

    // The handler proposes the second helpline, with what was written and the language, not the contact.
    await desk.goto(casePath);
    await desk.getByLabel('Línea de ayuda', { exact: true }).selectOption({ label: 'Red de Abogadas' });
    await desk.getByLabel('Cómo contactarle', { exact: true }).uncheck();
    expect(await desk.getByLabel('Lo que escribió sobre su situación').isChecked()).toBe(true);
    await submit(desk, 'Preguntar a la persona solicitante');
    expect(await desk.locator('.notice').innerText()).toContain('consentimiento');
    clock.advance(60_000);

    await person.reload();
    expect(await person.getByRole('heading', { name: '¿Podemos pasar su caso a Red de Abogadas?' }).count()).toBe(1);
    await axe(person.context(), `${intake}/case`, "the person's case, asked for consent");
    await submit(person, 'Sí, pasarlo');
    expect(await person.locator('.notice').innerText()).toContain('Su caso se transmitió');
    clock.advance(60_000);

    // The second helpline sees the case in its queue, without the contact, and accepts it.
    const deskB = await signedIn(s.browser, adminB, `/es/orgs/${orgB}/helpline`);
    expect(await deskB.locator('table').innerText()).toContain('de Línea de Ayuda Digital');
    await deskB.locator('table a').first().click();
    expect(await deskB.locator('main').innerText()).toContain('Rosaura Quintanilla-Ibarra');
    expect(await deskB.content()).not.toContain('canary-contact-7731');
    await submit(deskB, 'Aceptar el caso');
    expect(await deskB.locator('.notice').innerText()).toBe('Ha aceptado el caso.');

    await person.reload();
    const last = await person.locator('main').innerText();
    expect(last).toContain('Red de Abogadas aceptó el caso.');
    expect(last).toContain('Su caso con Red de Abogadas');
    await desk.goto(casePath);
    const answer = await desk.locator('.message-answer').innerText();
    expect(answer).toContain('Red de Abogadas aceptó el caso.');
    expect(answer).toMatch(/^Red de Abogadas · /); // written by the other helpline, not "a former member"

    await Promise.all([
      axe(person.context(), `${intake}/case`, "the person's case"),
      axe(desk.context(), casePath, 'the case page'),
      axe(desk.context(), `/es/orgs/${orgA}/helpline/attainment`, 'the attainment page'),
      axe(deskB.context(), `/es/orgs/${orgB}/helpline`, "the second helpline's queue"),
    ]);

    // Arabic, at 375 px: the form, the person's case (signed in again: its cookie is per language), the
    // queue and the case page.
    const narrow = await newPage(s.browser, WIDTH);
    const arabic = intake.replace('/es/', '/ar/');
    await narrowArabic(narrow, arabic, 'intake');
    await narrow.goto(`${arabic}/case`);
    await narrow.locator('input[name="code"]').fill(code);
    await narrow.locator('input[name="passphrase"]').fill(passphrase);
    await Promise.all([narrow.waitForNavigation(), narrow.locator('main button[type="submit"]').click()]);
    await narrowArabic(narrow, `${arabic}/case`, 'status');
    await desk.setViewportSize({ width: WIDTH, height: 900 });
    await narrowArabic(desk, `/ar/orgs/${orgA}/helpline`, 'queue');
    await narrowArabic(desk, casePath.replace('/es/', '/ar/'), 'case');
  }, 180_000);
});
