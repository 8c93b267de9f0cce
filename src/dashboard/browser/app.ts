/**
 * The analysts' dashboard (GET /dashboard): sign in with an access token, then the three revenue
 * reports through the typed client. Bundled into src/generated/dashboard/app.js by `npm run generate`.
 */
import { createClient, isOrderServiceError, ViewerDocument, type ViewerQuery } from '../../client';
import { toCsv } from './csv';
import { addDays, localDate } from './dates';
import { notAnAnalyst, reportMessage, signInMessage, TOKEN_HINT } from './messages';
import { dailyRevenue, monthlyRevenue, topProducts, type Filters, type Report } from './reports';
import { TOKEN_STORAGE_KEY, tokenFromFragment } from './session';

const element = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const signInSection = element<HTMLElement>('#sign-in');
const reportsSection = element<HTMLElement>('#reports');
const filtersForm = element<HTMLFormElement>('#filters');

let token: string | undefined;
/** Counts report runs; each panel says which run it shows (data-run), so a test can wait for its own. */
let runs = 0;
const client = createClient({ url: '/graphql', token: () => token });

class RefusedToken extends Error {}

function showSignIn(message: string, isError: boolean) {
  token = undefined;
  sessionStorage.removeItem(TOKEN_STORAGE_KEY);
  reportsSection.hidden = true;
  signInSection.hidden = false;
  element('#signed-in').hidden = true;
  const text = element('#sign-in-message');
  text.textContent = message;
  text.classList.toggle('error', isError);
}

async function signIn(candidate: string | undefined) {
  if (!candidate) return showSignIn(`Paste an access token first. ${TOKEN_HINT}`, true);
  showSignIn('Signing in…', false);
  token = candidate;
  let me: ViewerQuery['me'];
  try {
    ({ me } = await client.request(ViewerDocument));
    if (!me) throw new RefusedToken('This access token was refused.');
    if (me.role === 'CUSTOMER') throw new RefusedToken(notAnAnalyst(me.email));
  } catch (error) {
    return showSignIn(error instanceof RefusedToken ? error.message : signInMessage(error, candidate), true);
  }
  sessionStorage.setItem(TOKEN_STORAGE_KEY, candidate);
  signInSection.hidden = true;
  reportsSection.hidden = false;
  element('#signed-in').hidden = false;
  element('#viewer').textContent = `${me.email} (${me.role.toLowerCase()})`;
  await runReports();
}

function defaultFilters() {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const today = localDate(new Date(), timeZone);
  const values = { timeZone, year: today.slice(0, 4), first: addDays(today, -29), last: today, limit: '10' };
  for (const [name, value] of Object.entries(values)) (filtersForm.elements.namedItem(name) as HTMLInputElement).value = value;
  const zones = element('#time-zones');
  for (const zone of ['UTC', ...Intl.supportedValuesOf('timeZone')]) zones.append(new Option(zone));
}

function readFilters(): Filters {
  const value = (name: string) => (filtersForm.elements.namedItem(name) as HTMLInputElement).value.trim();
  return {
    timeZone: value('timeZone') || 'UTC',
    year: Number(value('year')),
    first: value('first'),
    last: value('last'),
    limit: Number(value('limit')),
  };
}

function cell(tag: 'td' | 'th', text: string, numeric = false) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (numeric) node.className = 'number';
  return node;
}

function fillTable<Row>(table: HTMLTableElement, report: Report<Row>, rows: Row[]) {
  const { columns } = report;
  table.tHead!.replaceChildren(document.createElement('tr'));
  table.tHead!.rows[0]!.append(...columns.map((column) => cell('th', column.heading, column.numeric)));
  table.tBodies[0]!.replaceChildren(
    ...rows.map((row) => {
      const line = document.createElement('tr');
      line.append(...columns.map((column) => cell('td', column.value(row), column.numeric)));
      return line;
    }),
  );
  table.tFoot!.replaceChildren();
  if (rows.length > 0 && columns.some((column) => column.total)) {
    const line = document.createElement('tr');
    line.append(...columns.map((column, index) => cell('th', column.total?.(rows) ?? (index === 0 ? 'Total' : ''), column.numeric)));
    table.tFoot!.append(line);
  }
}

function download(fileName: string, csv: string) {
  // The byte order mark makes spreadsheet programs read the file as UTF-8.
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function runReport<Row>(report: Report<Row>, filters: Filters, run: number) {
  const article = element<HTMLElement>(`#${report.id}`);
  const message = article.querySelector<HTMLElement>('.message')!;
  const csvButton = article.querySelector<HTMLButtonElement>('button.csv')!;
  article.dataset.state = 'loading';
  csvButton.disabled = true;
  message.textContent = 'Loading…';
  message.classList.remove('error');
  let rows: Row[];
  try {
    rows = await report.load(client, filters);
  } catch (error) {
    if (isOrderServiceError(error, 'UNAUTHENTICATED')) return showSignIn(reportMessage(error), true);
    Object.assign(article.dataset, { state: 'error', run: String(run) });
    message.textContent = reportMessage(error);
    message.classList.add('error');
    return;
  }
  fillTable(article.querySelector('table')!, report, rows);
  const chart = article.querySelector<HTMLElement>('.chart');
  if (chart) report.chart?.(chart, rows, filters);
  message.textContent = rows.length === 0 ? 'No revenue in this period.' : '';
  csvButton.disabled = false;
  csvButton.onclick = () => download(report.fileName(filters), toCsv(report.columns, rows));
  Object.assign(article.dataset, { state: 'ready', run: String(run) });
}

async function runReports() {
  const filters = readFilters();
  runs += 1;
  await Promise.all([
    runReport(monthlyRevenue, filters, runs),
    runReport(dailyRevenue, filters, runs),
    runReport(topProducts, filters, runs),
  ]);
}

element<HTMLFormElement>('#sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const field = element<HTMLInputElement>('#token');
  void signIn(field.value.trim() || undefined);
  field.value = '';
});
filtersForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void runReports();
});
element('#sign-out').addEventListener('click', () => showSignIn('Signed out.', false));

defaultFilters();
const fromFragment = tokenFromFragment(location.hash);
if (fromFragment) history.replaceState(null, '', location.pathname + location.search); // out of the address bar and history
const saved = fromFragment ?? sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? undefined;
if (saved) void signIn(saved);
else showSignIn('Sign in with an access token of an analyst or an admin.', false);
