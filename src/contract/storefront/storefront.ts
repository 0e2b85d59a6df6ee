// A small storefront written only against the client generated from the committed OpenAPI document
// (openapi-typescript types + openapi-fetch). CI type-checks it with tsc and runs it with Node
// against the packaged jar: a renamed field or a removed operation fails one or the other.
//   ORDERSTREAM_URL=http://localhost:8080 STAFF_TOKEN=… CUSTOMER_TOKEN=… CUSTOMER_ID=… node dist/storefront.js
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/orderstream.js";

type Order = components["schemas"]["OrderResponse"];
type Problem = components["schemas"]["Problem"];

const baseUrl = process.env.ORDERSTREAM_URL ?? "http://localhost:8080";
const staff = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${required("STAFF_TOKEN")}` } });
const customerId = required("CUSTOMER_ID");
const shopper = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${required("CUSTOMER_TOKEN")}` } });

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`storefront: ${what}`);
  console.log(`ok  ${what}`);
}

const sku = `TS-LAMP-${Date.now()}`;

// 1. The catalog: a product with a price and stock.
const created = await staff.PUT("/products/{sku}", {
  params: { path: { sku } },
  body: { name: "Walnut desk lamp", price: { amount: 4900, currency: "EUR" } },
});
check(created.response.status === 201 && created.data?.sku === sku, `product ${sku} created`);
const stocked = await staff.POST("/products/{sku}/stock-adjustments", {
  params: { path: { sku } },
  body: { delta: 3, reason: "RESTOCK" },
});
check(stocked.data?.available === 3, "3 in stock");

// 2. Placement with an Idempotency-Key, then the same request again: one order.
const placement: paths["/orders"]["post"]["requestBody"]["content"]["application/json"] = {
  customerId,
  email: "jane.doe@example.com",
  channel: "web",
  shippingAddress: {
    name: "Jane Doe",
    line1: "Invalidenstraße 117",
    city: "Berlin",
    postalCode: "10115",
    country: "DE",
    phone: "030 1234567",
  },
  lines: [{ sku, quantity: 2 }],
};
const key = `storefront-${Date.now()}`;
const placed = await shopper.POST("/orders", { params: { header: { "Idempotency-Key": key } }, body: placement });
const order: Order | undefined = placed.data;
check(placed.response.status === 201 && order?.status === "PENDING_PAYMENT", `order ${order?.number} placed`);
check(order?.shippingAddress.phone === "+49301234567", "its phone stored in E.164");
const replayed = await shopper.POST("/orders", { params: { header: { "Idempotency-Key": key } }, body: placement });
check(replayed.data?.id === order?.id, "the replay answers the same order");

// 3. Read it, with its ETag; pay it with If-Match.
const read = await shopper.GET("/orders/{id}", { params: { path: { id: order!.id } } });
const etag = read.response.headers.get("ETag") ?? "";
check(read.data?.total.amount === 9800 && etag === `"${read.data?.version}"`, "read back: 98.00 EUR, ETag is its version");
const paid = await staff.POST("/orders/{id}/payments", {
  params: { path: { id: order!.id }, header: { "If-Match": etag } },
  body: { kind: "AUTHORIZATION", amount: { amount: 9800, currency: "EUR" }, provider: "psp", reference: `auth-${key}` },
});
check(paid.data?.status === "CONFIRMED" && paid.data.paymentStatus === "AUTHORIZED", "authorized: CONFIRMED");

// 4. A short order: the 409 problem and its shortages, read through the generated types.
const short = await shopper.POST("/orders", { body: { ...placement, lines: [{ sku, quantity: 5 }] } });
const problem: Problem | undefined = short.error;
const shortage = problem?.shortages?.[0];
check(short.response.status === 409 && problem?.type.endsWith("/insufficient-stock") === true,
  "a short order is a 409 insufficient-stock problem");
check(shortage?.sku === sku && shortage.requested === 5 && shortage.available === 1,
  `its shortage: ${shortage?.requested} asked, ${shortage?.available} available`);
console.log("storefront: every step passed");
