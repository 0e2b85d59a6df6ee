// Validates every manifest in deploy/k8s against the JSON schemas bundled in kubernetes-models
// (Kubernetes 1.32 API) and @kubernetes-models/cloudnative-pg (the CloudNativePG CRDs), offline.
// The RabbitMQ Cluster Operator has no published model: its RabbitmqCluster is checked for the
// fields this deployment relies on.
//   cd deploy/k8s/validate && npm install && npm run validate
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const folder = join(here, "..");

async function modelFor({ apiVersion, kind }) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const path = group === "postgresql.cnpg.io"
    ? `@kubernetes-models/cloudnative-pg/${group}/${version}/${kind}`
    : group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
  return (await import(path))[kind];
}

function checkRabbitmqCluster(doc) {
  const problems = [];
  if (doc.apiVersion !== "rabbitmq.com/v1beta1") problems.push("apiVersion must be rabbitmq.com/v1beta1");
  if (!Number.isInteger(doc.spec?.replicas) || doc.spec.replicas < 3) problems.push("spec.replicas must be 3 or more");
  if (!/default_queue_type\s*=\s*quorum/.test(doc.spec?.rabbitmq?.additionalConfig ?? "")) problems.push("quorum queues by default");
  if (problems.length) throw new Error(problems.join("; "));
}

let count = 0;
let failed = 0;
for (const file of readdirSync(folder).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml").sort()) {
  for (const document of parseAllDocuments(readFileSync(join(folder, file), "utf8"))) {
    const doc = document.toJS();
    if (!doc) continue;
    count++;
    const name = `${file}: ${doc.kind}/${doc.metadata?.name}`;
    try {
      if (doc.kind === "RabbitmqCluster") {
        checkRabbitmqCluster(doc);
      } else {
        const Model = await modelFor(doc);
        if (!Model) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind}`);
        new Model(doc).validate();
      }
      console.log(`ok      ${name}`);
    } catch (e) {
      failed++;
      console.log(`INVALID ${name}: ${e.message}`);
    }
  }
}
console.log(`${count - failed} of ${count} manifests valid`);
process.exit(failed ? 1 : 0);
