// Medusa as the benchmark's peer (loadtests/bench peer): its defaults as a new project has them,
// on the local PostgreSQL, with the admin dashboard off (a storefront API is what is compared).
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "production", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "bench-only",
      cookieSecret: process.env.COOKIE_SECRET || "bench-only",
    },
  },
  admin: { disable: true },
})
