// What a storefront checkout needs, created through Medusa's own workflows (as its starter seeds a
// new store): a sales channel and a publishable key for it, a region (EUR, Great Britain) with the
// system payment provider and a tax region, a stock location served by the manual fulfillment
// provider with one flat-rate shipping option, and one product whose single variant has ample
// stock there. Writes the ids the load script needs to $PEER_SEED_OUT as JSON.
//   medusa exec ./src/scripts/seed.ts   (loadtests/bench peer runs it)
import { writeFileSync } from "fs"
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

const COUNTRY = "gb"
const STOCK = Number(process.env.PEER_STOCK || 10000000)

export default async function seedBench({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const stores = container.resolve(Modules.STORE)

  const [store] = await stores.listStores()

  const { result: [channel] } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Bench storefront" }] },
  })

  const { result: [region] } = await createRegionsWorkflow(container).run({
    input: {
      regions: [{ name: "Great Britain", currency_code: "eur", countries: [COUNTRY], payment_providers: ["pp_system_default"] }],
    },
  })
  await createTaxRegionsWorkflow(container).run({ input: [{ country_code: COUNTRY, provider_id: "tp_system" }] })

  const { result: [location] } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Bench warehouse", address: { city: "London", country_code: "GB", address_1: "1 Analytical Way" } }] },
  })
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: [{ currency_code: "eur", is_default: true }],
        default_sales_channel_id: channel.id,
        default_region_id: region.id,
        default_location_id: location.id,
      },
    },
  })

  // the location ships with the manual provider, through one service zone covering the region
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  const profiles = await fulfillment.listShippingProfiles({ type: "default" })
  const profile = profiles.length
    ? profiles[0]
    : (await createShippingProfilesWorkflow(container).run({
        input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
      })).result[0]
  const set = await fulfillment.createFulfillmentSets({
    name: "Bench warehouse delivery",
    type: "shipping",
    service_zones: [{ name: "Great Britain", geo_zones: [{ country_code: COUNTRY, type: "country" }] }],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: set.id },
  })
  const { result: [option] } = await createShippingOptionsWorkflow(container).run({
    input: [{
      name: "Standard",
      price_type: "flat",
      provider_id: "manual_manual",
      service_zone_id: set.service_zones[0].id,
      shipping_profile_id: profile.id,
      type: { label: "Standard", description: "2-3 days", code: "standard" },
      prices: [{ currency_code: "eur", amount: 5 }, { region_id: region.id, amount: 5 }],
      rules: [
        { attribute: "enabled_in_store", value: "true", operator: "eq" },
        { attribute: "is_return", value: "false", operator: "eq" },
      ],
    }],
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [channel.id] } })

  const { result: [key] } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Bench storefront", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [channel.id] } })

  const { result: [product] } = await createProductsWorkflow(container).run({
    input: {
      products: [{
        title: "Bench T-shirt",
        handle: "bench-t-shirt",
        status: ProductStatus.PUBLISHED,
        shipping_profile_id: profile.id,
        options: [{ title: "Size", values: ["M"] }],
        variants: [{
          title: "M",
          sku: "BENCH-M",
          manage_inventory: true,
          options: { Size: "M" },
          prices: [{ amount: 10, currency_code: "eur" }],
        }],
        sales_channels: [{ id: channel.id }],
      }],
    },
  })
  const { data: [variant] } = await query.graph({
    entity: "product_variant",
    fields: ["id", "inventory_items.inventory_item_id"],
    filters: { product_id: product.id },
  })
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: [{
        location_id: location.id,
        stocked_quantity: STOCK,
        inventory_item_id: variant.inventory_items[0].inventory_item_id,
      }],
    },
  })

  const seeded = {
    publishableKey: key.token,
    regionId: region.id,
    salesChannelId: channel.id,
    shippingOptionId: option.id,
    variantId: variant.id,
    inventoryItemId: variant.inventory_items[0].inventory_item_id,
    stock: STOCK,
  }
  if (process.env.PEER_SEED_OUT) {
    writeFileSync(process.env.PEER_SEED_OUT, JSON.stringify(seeded))
  }
  logger.info(`bench seed: ${JSON.stringify(seeded)}`)
}
