// Generated from src/dashboard/browser by npm run generate:dashboard (esbuild): do not edit.

// src/client/errors.ts
var KNOWN_CODES = /* @__PURE__ */ new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "BAD_USER_INPUT",
  "CONFLICT",
  "BAD_REFERENCE",
  "INSUFFICIENT_STOCK",
  "INVALID_STATE_TRANSITION",
  "IDEMPOTENCY_KEY_REUSED",
  "QUERY_TOO_COMPLEX",
  "SERVICE_UNAVAILABLE",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "INTERNAL_SERVER_ERROR"
]);
function toServiceError(wire) {
  const serverCode = typeof wire.extensions?.code === "string" ? wire.extensions.code : "INTERNAL_SERVER_ERROR";
  const message = typeof wire.message === "string" ? wire.message : "Unknown error";
  const path = Array.isArray(wire.path) ? wire.path : void 0;
  if (KNOWN_CODES.has(serverCode)) {
    return { code: serverCode, message, path, extensions: { ...wire.extensions, code: serverCode } };
  }
  return { code: "UNKNOWN", message, path, extensions: { ...wire.extensions, code: "UNKNOWN", serverCode } };
}
function clientError(code, message) {
  return { code, message, extensions: { code } };
}
var OrderServiceError = class extends Error {
  constructor(errors, status, data = null, retryAfterSeconds = void 0, options) {
    super(errors.map((error) => `${error.code}: ${error.message}`).join("; ") || `HTTP ${status}`, options);
    this.errors = errors;
    this.status = status;
    this.data = data;
    this.retryAfterSeconds = retryAfterSeconds;
  }
  errors;
  status;
  data;
  retryAfterSeconds;
  name = "OrderServiceError";
  /** The first error's code. */
  get code() {
    return this.errors[0]?.code ?? "INTERNAL_SERVER_ERROR";
  }
  /** The first error with this code, typed: `error.find('INSUFFICIENT_STOCK')?.extensions.available`. */
  find(code) {
    return this.errors.find((error) => error.code === code);
  }
  /** Whether trying the same request again later may succeed (a placeOrder with the same idempotency key included). */
  get retryable() {
    return this.errors.some((error) => error.code === "SERVICE_UNAVAILABLE" || error.code === "NETWORK_ERROR");
  }
};
function isOrderServiceError(error, code) {
  return error instanceof OrderServiceError && (code === void 0 || error.errors.some((entry) => entry.code === code));
}
function parseRetryAfter(header, now = Date.now()) {
  if (!header) return void 0;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? void 0 : Math.max(0, Math.ceil((date - now) / 1e3));
}

// src/client/client.ts
var RETRYABLE_STATUSES = /* @__PURE__ */ new Set([502, 503, 504]);
async function readBody(response) {
  try {
    const body = await response.json();
    return body && typeof body === "object" && ("data" in body || "errors" in body) ? body : void 0;
  } catch {
    return void 0;
  }
}
async function interpret(response) {
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  const body = await readBody(response);
  if (!body) {
    const error = RETRYABLE_STATUSES.has(response.status) ? clientError("SERVICE_UNAVAILABLE", `The service is unavailable (HTTP ${response.status}).`) : clientError("BAD_RESPONSE", `Expected a GraphQL response, got HTTP ${response.status}.`);
    return { error: new OrderServiceError([error], response.status, null, retryAfter) };
  }
  const errors = Array.isArray(body.errors) ? body.errors.map(toServiceError) : [];
  if (errors.length > 0 || !response.ok || body.data == null) {
    if (errors.length === 0) errors.push(clientError("BAD_RESPONSE", `HTTP ${response.status} without errors or data.`));
    return { error: new OrderServiceError(errors, response.status, body.data ?? null, retryAfter) };
  }
  return { data: body.data };
}
function createClient(options) {
  const fetchImplementation = options.fetch ?? ((input, init) => fetch(input, init));
  const tokenOf = async () => typeof options.token === "function" ? options.token() : options.token;
  return {
    async request(operation, ...[variables, requestOptions]) {
      const token2 = await tokenOf();
      const headers = {
        accept: "application/graphql-response+json, application/json",
        "content-type": "application/json",
        ...options.headers,
        ...requestOptions?.headers
      };
      if (token2) headers.authorization = `Bearer ${token2}`;
      let response;
      try {
        response = await fetchImplementation(options.url, {
          method: "POST",
          headers,
          body: JSON.stringify({ query: operation.toString(), variables: variables ?? {} }),
          signal: requestOptions?.signal
        });
      } catch (cause) {
        if (requestOptions?.signal?.aborted) throw cause;
        throw new OrderServiceError([clientError("NETWORK_ERROR", "The service could not be reached.")], 0, null, void 0, { cause });
      }
      const outcome = await interpret(response);
      if ("error" in outcome) throw outcome.error;
      return outcome.data;
    }
  };
}

// src/client/generated/graphql.ts
var TypedDocumentString = class extends String {
  __apiType;
  value;
  __meta__;
  constructor(value, __meta__) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }
  toString() {
    return this.value;
  }
};
var PageInfoFieldsFragmentDoc = new TypedDocumentString(`
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
    `, { "fragmentName": "PageInfoFields" });
var ProductCardFragmentDoc = new TypedDocumentString(`
    fragment ProductCard on Product {
  id
  sku
  name
  price
  stock
}
    `, { "fragmentName": "ProductCard" });
var OrderSummaryFragmentDoc = new TypedDocumentString(`
    fragment OrderSummary on Order {
  id
  status
  totalPrice
  itemCount
  placedAt
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
    }
  }
}
    `, { "fragmentName": "OrderSummary" });
var AdminOrdersDocument = new TypedDocumentString(`
    query AdminOrders($first: Int = 50, $after: String, $filter: OrderFilter) {
  orders(first: $first, after: $after, filter: $filter) {
    totalCount
    edges {
      cursor
      node {
        id
        status
        totalPrice
        itemCount
        placedAt
        user {
          id
          email
          name
        }
      }
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}`);
var MoveOrderStatusDocument = new TypedDocumentString(`
    mutation MoveOrderStatus($id: ID!, $status: OrderStatus!) {
  updateOrderStatus(id: $id, status: $status) {
    id
    status
  }
}
    `);
var RevenueByMonthDocument = new TypedDocumentString(`
    query RevenueByMonth($year: Int!, $timeZone: String!) {
  revenueByMonth(year: $year, timeZone: $timeZone) {
    month
    revenue
    orderCount
    itemsSold
  }
}
    `);
var RevenueByDayDocument = new TypedDocumentString(`
    query RevenueByDay($from: DateTime!, $to: DateTime!, $timeZone: String!) {
  revenueByDay(from: $from, to: $to, timeZone: $timeZone) {
    day
    revenue
    orderCount
  }
}
    `);
var TopProductsDocument = new TypedDocumentString(`
    query TopProducts($from: DateTime!, $to: DateTime!, $limit: Int = 10) {
  topProducts(from: $from, to: $to, limit: $limit) {
    product {
      id
      sku
    }
    productName
    unitsSold
    revenue
  }
}
    `);
var ViewerDocument = new TypedDocumentString(`
    query Viewer {
  me {
    id
    email
    name
    role
  }
}
    `);
var CataloguePageDocument = new TypedDocumentString(`
    query CataloguePage($first: Int = 20, $after: String, $search: String, $inStock: Boolean, $orderBy: ProductOrder) {
  products(
    first: $first
    after: $after
    filter: {search: $search, inStock: $inStock}
    orderBy: $orderBy
  ) {
    totalCount
    edges {
      cursor
      node {
        ...ProductCard
      }
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
fragment ProductCard on Product {
  id
  sku
  name
  price
  stock
}`);
var ProductPageDocument = new TypedDocumentString(`
    query ProductPage($id: ID!) {
  product(id: $id) {
    ...ProductCard
    description
    updatedAt
  }
}
    fragment ProductCard on Product {
  id
  sku
  name
  price
  stock
}`);
var MyOrdersDocument = new TypedDocumentString(`
    query MyOrders($first: Int = 10, $after: String) {
  me {
    id
    orders(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...OrderSummary
        }
      }
      pageInfo {
        ...PageInfoFields
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
fragment OrderSummary on Order {
  id
  status
  totalPrice
  itemCount
  placedAt
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
    }
  }
}`);
var PlaceOrderDocument = new TypedDocumentString(`
    mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    ...OrderSummary
  }
}
    fragment OrderSummary on Order {
  id
  status
  totalPrice
  itemCount
  placedAt
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
    }
  }
}`);
var CancelOrderDocument = new TypedDocumentString(`
    mutation CancelOrder($id: ID!) {
  cancelOrder(id: $id) {
    id
    status
  }
}
    `);

// src/dashboard/browser/csv.ts
var FORMULA_START = /^[=+\-@\t\r]/;
function csvCell(value, text) {
  const safe = text && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
function toCsv(columns, rows) {
  const lines = [columns.map((column) => csvCell(column.title, true))];
  for (const row of rows) lines.push(columns.map((column) => csvCell(column.value(row), column.text === true)));
  return lines.map((cells) => cells.join(",")).join("\r\n") + "\r\n";
}

// src/dashboard/browser/dates.ts
function localDate(instant, timeZone) {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}
function offsetAt(instant, timeZone) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric"
  }).formatToParts(new Date(instant));
  const part = (type) => Number(parts.find((entry) => entry.type === type)?.value);
  const wallClock = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return wallClock - (instant - instant % 1e3);
}
function startOfDay(date, timeZone) {
  const [year, month, day] = date.split("-").map(Number);
  const midnightAsUtc = Date.UTC(year, month - 1, day);
  const guess = midnightAsUtc - offsetAt(midnightAsUtc, timeZone);
  return new Date(midnightAsUtc - offsetAt(guess, timeZone));
}
function addDays(date, days) {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
function dayRange(first, last, timeZone) {
  return { from: startOfDay(first, timeZone).toISOString(), to: startOfDay(addDays(last, 1), timeZone).toISOString() };
}
function daysBetween(first, last) {
  const days = [];
  for (let day = first; day <= last && days.length <= 1e3; day = addDays(day, 1)) days.push(day);
  return days;
}

// src/dashboard/browser/session.ts
var TOKEN_STORAGE_KEY = "order-service.dashboard.token";
function tokenFromFragment(hash) {
  const token2 = new URLSearchParams(hash.replace(/^#/, "")).get("token")?.trim();
  return token2 || void 0;
}
function tokenExpiry(token2) {
  try {
    const payload = token2.split(".")[1] ?? "";
    const json = atob(
      payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "=")
    );
    const exp = JSON.parse(json).exp;
    return typeof exp === "number" ? new Date(exp * 1e3) : void 0;
  } catch {
    return void 0;
  }
}

// src/dashboard/browser/messages.ts
var TOKEN_HINT = "Get one with: npm run --silent token -- analyst@example.com";
function signInMessage(error, token2, now = /* @__PURE__ */ new Date()) {
  if (isOrderServiceError(error, "UNAUTHENTICATED")) {
    const expiry = tokenExpiry(token2);
    if (expiry && expiry <= now)
      return `This access token expired on ${expiry.toISOString().replace("T", " ").slice(0, 16)} UTC. ${TOKEN_HINT}`;
    return `This access token was refused (malformed, signed with another key, or for a deleted user). ${TOKEN_HINT}`;
  }
  if (isOrderServiceError(error, "FORBIDDEN")) return notAnAnalyst();
  return reportMessage(error);
}
function notAnAnalyst(email) {
  const who = email ? `${email}, a customer` : "a customer";
  return `This access token belongs to ${who}: the reports are for analysts and admins. ${TOKEN_HINT}`;
}
function reportMessage(error) {
  if (!isOrderServiceError(error)) return `The report failed: ${error instanceof Error ? error.message : String(error)}`;
  const timeout = error.find("QUERY_TOO_COMPLEX");
  if (timeout?.extensions.timeoutMs !== void 0) {
    return `The report ran out of time (${timeout.extensions.timeoutMs / 1e3} s). Choose a shorter range and try again.`;
  }
  switch (error.code) {
    case "QUERY_TOO_COMPLEX":
      return "The report was refused as too expensive. Choose a shorter range.";
    case "SERVICE_UNAVAILABLE":
      return `The service is unavailable right now; try again${error.retryAfterSeconds ? ` in ${error.retryAfterSeconds} s` : " shortly"}.`;
    case "NETWORK_ERROR":
      return "The service could not be reached. Check your connection and try again.";
    case "UNAUTHENTICATED":
      return `Your access token is no longer accepted; sign in again. ${TOKEN_HINT}`;
    case "FORBIDDEN":
      return notAnAnalyst();
    case "BAD_USER_INPUT":
      return error.errors[0]?.message ?? "These filters are not valid.";
    default:
      return `The report failed (${error.code}): ${error.errors[0]?.message ?? ""}`;
  }
}

// src/dashboard/browser/charts.ts
var UPlot = globalThis.uPlot;
var HEIGHT = 260;
var charts = /* @__PURE__ */ new Map();
function draw(container, options, data) {
  charts.get(container)?.destroy();
  const chart = new UPlot({ ...options, width: container.clientWidth || 640, height: HEIGHT }, data, container);
  charts.set(container, chart);
}
addEventListener("resize", () => {
  for (const [container, chart] of charts) chart.setSize({ width: container.clientWidth || 640, height: HEIGHT });
});
var money = (value) => value.toLocaleString("en-US", { maximumFractionDigits: 0 });
function barChart(container, labels, values, seriesLabel) {
  draw(
    container,
    {
      // Bars start at zero, or their heights would not compare.
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (_chart, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [
        { values: (_chart, ticks) => ticks.map((tick) => labels[tick] ?? ""), splits: () => labels.map((_, index) => index) },
        { values: (_chart, ticks) => ticks.map(money), size: 70 }
      ],
      series: [
        {},
        {
          label: seriesLabel,
          fill: "rgba(37, 99, 235, 0.55)",
          stroke: "#2563eb",
          paths: UPlot.paths.bars({ size: [0.7, 80] }),
          points: { show: false }
        }
      ],
      legend: { show: false },
      cursor: { drag: { x: false, y: false } }
    },
    [labels.map((_, index) => index), values]
  );
}
function lineChart(container, days, values, seriesLabel) {
  draw(
    container,
    {
      tzDate: (seconds) => UPlot.tzDate(new Date(seconds * 1e3), "Etc/UTC"),
      axes: [{}, { values: (_chart, ticks) => ticks.map(money), size: 70 }],
      series: [{}, { label: seriesLabel, stroke: "#2563eb", width: 2, points: { show: days.length <= 62 } }],
      legend: { show: false }
    },
    [days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1e3), values]
  );
}

// src/dashboard/browser/decimal.ts
var DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
function sumDecimals(values) {
  const parsed = values.map((value) => {
    const match = DECIMAL.exec(value);
    if (!match) throw new Error(`Not a decimal: ${value}`);
    return { negative: match[1] === "-", whole: match[2], fraction: match[3] ?? "" };
  });
  const scale = Math.max(2, ...parsed.map((value) => value.fraction.length));
  let total = 0n;
  for (const value of parsed) {
    const units = BigInt(value.whole + value.fraction.padEnd(scale, "0"));
    total += value.negative ? -units : units;
  }
  const sign = total < 0n ? "-" : "";
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, "0");
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

// src/dashboard/browser/reports.ts
var revenue = () => ({
  title: "revenue",
  heading: "Revenue",
  numeric: true,
  value: (row) => row.revenue,
  total: (rows) => sumDecimals(rows.map((row) => row.revenue))
});
var count = (title, heading, of) => ({
  title,
  heading,
  numeric: true,
  value: (row) => String(of(row)),
  total: (rows) => String(rows.reduce((sum, row) => sum + of(row), 0))
});
var zoneInName = (timeZone) => timeZone.replace(/[^A-Za-z0-9+-]+/g, "_");
var monthlyRevenue = {
  id: "monthly",
  columns: [
    { title: "month", heading: "Month", value: (row) => row.month },
    revenue(),
    count("orderCount", "Orders", (row) => row.orderCount),
    count("itemsSold", "Items sold", (row) => row.itemsSold)
  ],
  load: async (client2, { year, timeZone }) => (await client2.request(RevenueByMonthDocument, { year, timeZone })).revenueByMonth,
  chart(container, rows, { year }) {
    const months = Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, "0")}`);
    const byMonth = new Map(rows.map((row) => [row.month, Number(row.revenue)]));
    barChart(
      container,
      months,
      months.map((month) => byMonth.get(month) ?? null),
      "Revenue"
    );
  },
  fileName: ({ year, timeZone }) => `revenue-by-month-${year}-${zoneInName(timeZone)}.csv`
};
var dailyRevenue = {
  id: "daily",
  columns: [{ title: "day", heading: "Day", value: (row) => row.day }, revenue(), count("orderCount", "Orders", (row) => row.orderCount)],
  load: async (client2, { first, last, timeZone }) => (await client2.request(RevenueByDayDocument, { ...dayRange(first, last, timeZone), timeZone })).revenueByDay,
  chart(container, rows, { first, last }) {
    const byDay = new Map(rows.map((row) => [row.day, Number(row.revenue)]));
    const days = daysBetween(first, last);
    lineChart(
      container,
      days,
      days.map((day) => byDay.get(day) ?? 0),
      "Revenue"
    );
  },
  fileName: ({ first, last, timeZone }) => `revenue-by-day-${first}-to-${last}-${zoneInName(timeZone)}.csv`
};
var topProducts = {
  id: "top",
  columns: [
    { title: "productName", heading: "Product", value: (row) => row.productName, text: true },
    { title: "sku", heading: "SKU", value: (row) => row.product?.sku ?? "(deleted)", text: true },
    count("unitsSold", "Units sold", (row) => row.unitsSold),
    revenue()
  ],
  load: async (client2, { first, last, timeZone, limit }) => (await client2.request(TopProductsDocument, { ...dayRange(first, last, timeZone), limit })).topProducts,
  fileName: ({ first, last, timeZone }) => `top-products-${first}-to-${last}-${zoneInName(timeZone)}.csv`
};

// src/dashboard/browser/app.ts
var element = (selector) => document.querySelector(selector);
var signInSection = element("#sign-in");
var reportsSection = element("#reports");
var filtersForm = element("#filters");
var token;
var runs = 0;
var client = createClient({ url: "/graphql", token: () => token });
var RefusedToken = class extends Error {
};
function showSignIn(message, isError) {
  token = void 0;
  sessionStorage.removeItem(TOKEN_STORAGE_KEY);
  reportsSection.hidden = true;
  signInSection.hidden = false;
  element("#signed-in").hidden = true;
  const text = element("#sign-in-message");
  text.textContent = message;
  text.classList.toggle("error", isError);
}
async function signIn(candidate) {
  if (!candidate) return showSignIn(`Paste an access token first. ${TOKEN_HINT}`, true);
  showSignIn("Signing in\u2026", false);
  token = candidate;
  let me;
  try {
    ({ me } = await client.request(ViewerDocument));
    if (!me) throw new RefusedToken("This access token was refused.");
    if (me.role === "CUSTOMER") throw new RefusedToken(notAnAnalyst(me.email));
  } catch (error) {
    return showSignIn(error instanceof RefusedToken ? error.message : signInMessage(error, candidate), true);
  }
  sessionStorage.setItem(TOKEN_STORAGE_KEY, candidate);
  signInSection.hidden = true;
  reportsSection.hidden = false;
  element("#signed-in").hidden = false;
  element("#viewer").textContent = `${me.email} (${me.role.toLowerCase()})`;
  await runReports();
}
function defaultFilters() {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const today = localDate(/* @__PURE__ */ new Date(), timeZone);
  const values = { timeZone, year: today.slice(0, 4), first: addDays(today, -29), last: today, limit: "10" };
  for (const [name, value] of Object.entries(values)) filtersForm.elements.namedItem(name).value = value;
  const zones = element("#time-zones");
  for (const zone of ["UTC", ...Intl.supportedValuesOf("timeZone")]) zones.append(new Option(zone));
}
function readFilters() {
  const value = (name) => filtersForm.elements.namedItem(name).value.trim();
  return {
    timeZone: value("timeZone") || "UTC",
    year: Number(value("year")),
    first: value("first"),
    last: value("last"),
    limit: Number(value("limit"))
  };
}
function cell(tag, text, numeric = false) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (numeric) node.className = "number";
  return node;
}
function fillTable(table, report, rows) {
  const { columns } = report;
  table.tHead.replaceChildren(document.createElement("tr"));
  table.tHead.rows[0].append(...columns.map((column) => cell("th", column.heading, column.numeric)));
  table.tBodies[0].replaceChildren(
    ...rows.map((row) => {
      const line = document.createElement("tr");
      line.append(...columns.map((column) => cell("td", column.value(row), column.numeric)));
      return line;
    })
  );
  table.tFoot.replaceChildren();
  if (rows.length > 0 && columns.some((column) => column.total)) {
    const line = document.createElement("tr");
    line.append(...columns.map((column, index) => cell("th", column.total?.(rows) ?? (index === 0 ? "Total" : ""), column.numeric)));
    table.tFoot.append(line);
  }
}
function download(fileName, csv) {
  const url = URL.createObjectURL(new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 6e4);
}
async function runReport(report, filters, run) {
  const article = element(`#${report.id}`);
  const message = article.querySelector(".message");
  const csvButton = article.querySelector("button.csv");
  article.dataset.state = "loading";
  csvButton.disabled = true;
  message.textContent = "Loading\u2026";
  message.classList.remove("error");
  let rows;
  try {
    rows = await report.load(client, filters);
  } catch (error) {
    if (isOrderServiceError(error, "UNAUTHENTICATED")) return showSignIn(reportMessage(error), true);
    Object.assign(article.dataset, { state: "error", run: String(run) });
    message.textContent = reportMessage(error);
    message.classList.add("error");
    return;
  }
  fillTable(article.querySelector("table"), report, rows);
  const chart = article.querySelector(".chart");
  if (chart) report.chart?.(chart, rows, filters);
  message.textContent = rows.length === 0 ? "No revenue in this period." : "";
  csvButton.disabled = false;
  csvButton.onclick = () => download(report.fileName(filters), toCsv(report.columns, rows));
  Object.assign(article.dataset, { state: "ready", run: String(run) });
}
async function runReports() {
  const filters = readFilters();
  runs += 1;
  await Promise.all([
    runReport(monthlyRevenue, filters, runs),
    runReport(dailyRevenue, filters, runs),
    runReport(topProducts, filters, runs)
  ]);
}
element("#sign-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const field = element("#token");
  void signIn(field.value.trim() || void 0);
  field.value = "";
});
filtersForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void runReports();
});
element("#sign-out").addEventListener("click", () => showSignIn("Signed out.", false));
defaultFilters();
var fromFragment = tokenFromFragment(location.hash);
if (fromFragment) history.replaceState(null, "", location.pathname + location.search);
var saved = fromFragment ?? sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? void 0;
if (saved) void signIn(saved);
else showSignIn("Sign in with an access token of an analyst or an admin.", false);
