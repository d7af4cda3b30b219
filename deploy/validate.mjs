// Validates the deployment files offline (no cluster, no Docker engine); run through deploy/validate.
//   node deploy/validate.mjs
// Every YAML document under deploy/k8s is checked against the Kubernetes schemas of kubernetes-models (a document's
// apiVersion and kind name its model class; one the package does not have fails: nothing is skipped), then each
// variant (a kustomization no other one lists) for what a schema cannot see: the grace period against the host's
// stop, the probes, the env names against appsettings.json, references between the documents, the settings file.
// The compose file's host environment is held to the same env names. Each fixture in deploy/validate.fixtures must
// fail, with the reason its "# expect:" line names: else the checks would pass anything.
// The schemas allow unknown fields (a misspelt "readinesProbe" passes them); the checks below require the fields
// that matter by name, which catches such a typo where it counts.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const deployDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(deployDir);
const rel = (file) => path.relative(root, file);
const appsettings = JSON.parse(fs.readFileSync(path.join(root, "appsettings.json"), "utf8"));

// Environment variables the host reads that appsettings.json has no key for (each checked in the code):
// the platform's own prefixes; Database:Provider and Database:MustExist (Persistence/Database.cs, DatabaseOptions.cs:
// their defaults live in the code).
const envPrefixesNotInFile = ["ASPNETCORE_", "DOTNET_", "OTEL_"];
const envNamesNotInFile = new Set(["Database__Provider", "Database__MustExist"]);
const liveProbePath = "/health/live";
const readyProbePath = "/health/ready";
const settingsFileName = "appsettings.Production.json";

// Kubernetes reads YAML 1.1 (an unquoted yes or on is a boolean there), and so does compose 1.x.
const parseOptions = { version: "1.1", prettyErrors: true };

class Failure extends Error {}

/** The file each loaded document came from, so that a problem found across documents names the right one. */
const fileOf = new WeakMap();

function yamlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  }).sort();
}

/** The documents of a file, each { file, doc }; a YAML error, a duplicate key or an empty file fails. */
function load(file) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"), parseOptions);
  const problems = docs.flatMap((d) => [...d.errors, ...d.warnings]).map((e) => e.message.split("\n")[0]);
  if (problems.length) throw new Failure(`not valid YAML: ${problems.join("; ")}`);
  const values = docs.map((d) => d.toJS()).filter((v) => v !== null && v !== undefined);
  if (values.length === 0) throw new Failure("no YAML document in it");
  for (const value of values) if (typeof value === "object") fileOf.set(value, file);
  return values;
}

const modelModules = new Map();

/** The kubernetes-models class for an apiVersion and kind, or a failure naming them. */
async function modelClass(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") throw new Failure("a document without apiVersion and kind");
  if (!modelModules.has(apiVersion)) {
    modelModules.set(apiVersion, await import(`kubernetes-models/${apiVersion}`).catch(() => null));
  }
  const model = modelModules.get(apiVersion)?.[kind];
  if (typeof model !== "function" || model.kind !== kind || model.apiVersion !== apiVersion) {
    throw new Failure(`unknown kind ${apiVersion} ${kind}: kubernetes-models has no schema for it`);
  }
  return model;
}

const isKustomization = (doc) => doc?.kind === "Kustomization" && doc?.apiVersion?.startsWith("kustomize.config.k8s.io/");

/** Schema-checks every document of a file (a Kustomization: that its resources exist); returns its documents. */
async function checkFile(file) {
  const docs = load(file);
  for (const doc of docs) {
    if (isKustomization(doc)) {
      for (const resource of doc.resources ?? []) {
        if (!fs.existsSync(path.resolve(path.dirname(file), resource))) throw new Failure(`Kustomization resource ${resource} does not exist`);
      }
      const known = new Set(["apiVersion", "kind", "resources"]);
      const other = Object.keys(doc).filter((k) => !known.has(k));
      if (other.length) throw new Failure(`Kustomization uses ${other.join(", ")}: these checks read only its resources, so they would not see what those produce`);
      continue;
    }
    const Model = await modelClass(doc?.apiVersion, doc?.kind);
    try {
      new Model(doc).validate();
    } catch (e) {
      throw new Failure(`${doc.kind} ${doc.metadata?.name ?? "(no name)"}: ${e.message}`);
    }
  }
  return docs;
}

/** The files a kustomization applies, through the folders it lists, and the kustomizations of those folders. */
function kustomizationResources(file) {
  const kustomization = load(file)[0];
  const files = [], nested = [];
  for (const resource of kustomization.resources ?? []) {
    const target = path.resolve(path.dirname(file), resource);
    if (!fs.statSync(target).isDirectory()) { files.push(target); continue; }
    const inner = kustomizationResources(path.join(target, "kustomization.yaml"));
    files.push(...inner.files);
    nested.push(path.join(target, "kustomization.yaml"), ...inner.nested);
  }
  return { files, nested };
}

// ---- what a schema cannot see ----

function seconds(timeSpan, name) {
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(String(timeSpan));
  if (!m) throw new Failure(`${name} '${timeSpan}' is not a time span hh:mm:ss`);
  return (Number(m[1] ?? 0) * 24 + Number(m[2])) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

/** Whether Section__Key names a key of appsettings.json (Section:Key, any case, as the configuration matches). */
function isSettingInFile(name) {
  let node = appsettings;
  for (const segment of name.split("__")) {
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(segment)) return false;
      node = node[Number(segment)];
      if (node === undefined) return true; // a new element of an array (Proxies__Known__0 where the file has none)
      continue;
    }
    if (node === null || typeof node !== "object") return false;
    const key = Object.keys(node).find((k) => k.toLowerCase() === segment.toLowerCase());
    if (key === undefined) return false;
    node = node[key];
  }
  return true;
}

function unknownEnvNames(names) {
  return names.filter((n) => !envPrefixesNotInFile.some((p) => n.startsWith(p)) && !envNamesNotInFile.has(n) && !isSettingInFile(n));
}

/** The keys of a settings file that appsettings.json does not have (the contents of arrays are not compared). */
function unknownSettingKeys(settings, file = appsettings, prefix = "") {
  if (settings === null || typeof settings !== "object" || Array.isArray(settings) || Array.isArray(file)) return [];
  return Object.entries(settings).flatMap(([key, value]) => {
    const match = file && typeof file === "object" ? Object.keys(file).find((k) => k.toLowerCase() === key.toLowerCase()) : undefined;
    if (match === undefined) return [`${prefix}${key}`];
    return unknownSettingKeys(value, file[match], `${prefix}${key}:`);
  });
}

const typeList = (value) => (Array.isArray(value) ? value : String(value ?? "").split(",")).map((t) => t.trim()).filter(Boolean);
const lower = (values) => new Set(values.map((v) => v.toLowerCase()));

/** appsettings.Production.json as the host reads it: over appsettings.json, key by key. */
function checkSettingsFile(json, where) {
  let settings;
  try {
    settings = JSON.parse(json);
  } catch (e) {
    return [`${where}: ${settingsFileName} is not valid JSON: ${e.message}`];
  }
  const problems = unknownSettingKeys(settings).map((k) => `${where}: ${settingsFileName} has ${k}, which appsettings.json does not (a misspelt key is silently ignored)`);
  const types = typeList(settings.VaccineTypes ?? appsettings.VaccineTypes);
  const scheduled = lower([...Object.keys(appsettings.VaccineSchedules ?? {}), ...Object.keys(settings.VaccineSchedules ?? {})]);
  for (const type of types.filter((t) => !scheduled.has(t.toLowerCase()))) problems.push(`${where}: vaccine type ${type} has no VaccineSchedules entry (the host would stop at start)`);
  const known = lower(types);
  for (const [i, site] of (settings.Reservation?.Sites ?? []).entries()) {
    for (const type of typeList(site.VaccineTypes).filter((t) => !known.has(t.toLowerCase()))) problems.push(`${where}: Reservation:Sites:${i} gives ${type}, which is not on VaccineTypes`);
  }
  for (const type of Object.keys(settings.Stock?.Initial ?? {}).filter((t) => !known.has(t.toLowerCase()))) problems.push(`${where}: Stock:Initial:${type} is not on VaccineTypes`);
  return problems;
}

const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

function checkDeployment(deployment, docs) {
  const problems = [];
  const name = `Deployment ${deployment.metadata?.name}`;
  const of = (kind, n) => docs.find((d) => d.kind === kind && d.metadata?.name === n);
  const pod = deployment.spec?.template?.spec ?? {};
  const labels = deployment.spec?.template?.metadata?.labels;
  if (!matches(deployment.spec?.selector?.matchLabels, labels)) problems.push(`${name}: its selector does not match its pod's labels`);
  const hosts = (pod.containers ?? []).filter((c) => String(c.image ?? "").startsWith("kvaccine"));
  if (hosts.length !== 1) problems.push(`${name}: expected one container of the kvaccine image, found ${hosts.length}`);
  for (const host of hosts) {
    const where = `${name}, container ${host.name}`;
    const env = new Map((host.env ?? []).map((e) => [e.name, e]));
    const value = (n) => env.get(n)?.value;

    for (const n of unknownEnvNames([...env.keys()])) problems.push(`${where}: env ${n} is no key of appsettings.json (${n.replaceAll("__", ":")}) nor one the host reads otherwise`);
    if (host.envFrom) problems.push(`${where}: envFrom hides the env names from these checks; list each variable`);

    // Kubernetes' SIGKILL must come after the host has drained and stopped by itself.
    const shutdown = value("HostOptions__ShutdownTimeout");
    const drain = value("Shutdown__DrainSeconds");
    if (shutdown === undefined || drain === undefined) {
      problems.push(`${where}: set HostOptions__ShutdownTimeout and Shutdown__DrainSeconds in env, so the grace period can be held to them`);
    } else {
      const stop = seconds(shutdown, "HostOptions__ShutdownTimeout") + Number(drain);
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      if (!(grace > stop)) problems.push(`${where}: terminationGracePeriodSeconds ${grace} is not longer than Shutdown__DrainSeconds ${drain} + HostOptions__ShutdownTimeout ${shutdown} (${stop} s): the host would be killed mid-stop`);
    }

    const httpPort = Number(value("ASPNETCORE_HTTP_PORTS") ?? 8080);
    const ports = host.ports ?? [];
    if (!ports.some((p) => p.containerPort === httpPort)) problems.push(`${where}: no containerPort ${httpPort}, the host's ASPNETCORE_HTTP_PORTS`);
    const isHttpPort = (port) => port === httpPort || ports.some((p) => p.name === port && p.containerPort === httpPort);
    const grpcPort = Number(value("Grpc__Port") ?? 0);
    if (grpcPort !== 0 && !ports.some((p) => p.containerPort === grpcPort)) problems.push(`${where}: no containerPort ${grpcPort}, the host's Grpc__Port`);
    if (grpcPort === httpPort) problems.push(`${where}: Grpc__Port is ASPNETCORE_HTTP_PORTS; gRPC without TLS needs a port of its own`);
    for (const [probe, expected] of [["startupProbe", liveProbePath], ["livenessProbe", liveProbePath], ["readinessProbe", readyProbePath]]) {
      const get = host[probe]?.httpGet;
      if (!get) problems.push(`${where}: no ${probe} with httpGet`);
      else {
        if (get.path !== expected) problems.push(`${where}: ${probe} asks ${get.path}, expected ${expected}`);
        if (!isHttpPort(get.port)) problems.push(`${where}: ${probe} port ${get.port} is not the container's HTTP port ${httpPort}`);
      }
    }

    for (const e of host.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (!ref) continue;
      const secret = of("Secret", ref.name);
      if (!secret) problems.push(`${where}: env ${e.name} reads Secret ${ref.name}, which is not among the variant's documents`);
      else if (!(ref.key in (secret.stringData ?? {})) && !(ref.key in (secret.data ?? {}))) problems.push(`${where}: env ${e.name} reads key ${ref.key}, which Secret ${ref.name} does not have`);
    }

    const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
    for (const mount of host.volumeMounts ?? []) {
      const volume = volumes.get(mount.name);
      if (!volume) { problems.push(`${where}: mount ${mount.mountPath} names no volume ${mount.name}`); continue; }
      if (volume.configMap) {
        const map = of("ConfigMap", volume.configMap.name);
        if (!map) problems.push(`${where}: volume ${mount.name} reads ConfigMap ${volume.configMap.name}, which is not among the variant's documents`);
        else if (mount.subPath && !(mount.subPath in (map.data ?? {}))) problems.push(`${where}: mount ${mount.mountPath} takes ${mount.subPath}, which ConfigMap ${volume.configMap.name} does not have`);
        if (mount.subPath === settingsFileName && mount.mountPath !== `/app/${settingsFileName}`) problems.push(`${where}: ${settingsFileName} must be mounted at /app (the host's content root), not ${mount.mountPath}`);
      }
      if (volume.persistentVolumeClaim && !of("PersistentVolumeClaim", volume.persistentVolumeClaim.claimName)) problems.push(`${where}: volume ${mount.name} claims ${volume.persistentVolumeClaim.claimName}, which is not among the variant's documents`);
    }

    // Hardening the variants promise: a read-only root needs a writable /tmp for the runtime.
    const security = host.securityContext ?? {};
    if (security.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
    if (security.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
    if (!(security.capabilities?.drop ?? []).includes("ALL")) problems.push(`${where}: capabilities do not drop ALL`);
    if ((pod.securityContext?.runAsNonRoot ?? security.runAsNonRoot) !== true) problems.push(`${where}: runAsNonRoot is not true`);
    if (!(host.volumeMounts ?? []).some((m) => m.mountPath === "/tmp")) problems.push(`${where}: no writable /tmp under a read-only root file system`);
    if (!host.resources?.requests?.memory || !host.resources?.limits?.memory) problems.push(`${where}: no memory request and limit`);

    // One host per SQLite file; shared claims with PostgreSQL.
    const provider = String(value("Database__Provider") ?? "Sqlite").toLowerCase();
    if (provider === "sqlite") {
      if ((deployment.spec?.replicas ?? 1) !== 1) problems.push(`${name}: ${deployment.spec.replicas} replicas on SQLite; only one host may open the file`);
      if (deployment.spec?.strategy?.type !== "Recreate") problems.push(`${name}: on SQLite the strategy must be Recreate, so that two hosts never open the file at once`);
      if (docs.some((d) => d.kind === "HorizontalPodAutoscaler" && d.spec?.scaleTargetRef?.name === deployment.metadata?.name)) problems.push(`${name}: a HorizontalPodAutoscaler scales a SQLite host`);
    } else if (provider === "postgresql") {
      if (String(value("Outbox__SharedDatabase")).toLowerCase() !== "true") problems.push(`${where}: Outbox__SharedDatabase is not "true" on PostgreSQL`);
      if (!env.get("ConnectionStrings__KVaccine")?.valueFrom?.secretKeyRef) problems.push(`${where}: on PostgreSQL ConnectionStrings__KVaccine (it holds a password) must come from a Secret`);
    }
  }
  return problems.map((text) => ({ doc: deployment, text }));
}

/** The cross-document checks of one variant (or one fixture file). */
function checkVariant(docs) {
  const problems = [];
  const deployments = docs.filter((d) => d.kind === "Deployment");
  for (const deployment of deployments) problems.push(...checkDeployment(deployment, docs));
  const podLabels = deployments.map((d) => d.spec?.template?.metadata?.labels ?? {});
  for (const service of docs.filter((d) => d.kind === "Service")) {
    if (!podLabels.some((l) => matches(service.spec?.selector, l))) problems.push({ doc: service, text: `Service ${service.metadata?.name} selects no Deployment's pods` });
  }
  for (const budget of docs.filter((d) => d.kind === "PodDisruptionBudget")) {
    if (!podLabels.some((l) => matches(budget.spec?.selector?.matchLabels, l))) problems.push({ doc: budget, text: `PodDisruptionBudget ${budget.metadata?.name} selects no Deployment's pods` });
  }
  for (const hpa of docs.filter((d) => d.kind === "HorizontalPodAutoscaler")) {
    const target = hpa.spec?.scaleTargetRef;
    if (target?.kind !== "Deployment" || !deployments.some((d) => d.metadata?.name === target?.name)) problems.push({ doc: hpa, text: `HorizontalPodAutoscaler ${hpa.metadata?.name} scales ${target?.kind} ${target?.name}, no Deployment of this variant` });
  }
  for (const map of docs.filter((d) => d.kind === "ConfigMap" && d.data?.[settingsFileName] !== undefined)) {
    problems.push(...checkSettingsFile(map.data[settingsFileName], `ConfigMap ${map.metadata?.name}`).map((text) => ({ doc: map, text })));
  }
  const developmentKeys = new Set([appsettings.Auth?.SigningKey, appsettings.User?.RegNumberHashKey, appsettings.Idempotency?.FingerprintKey]);
  for (const secret of docs.filter((d) => d.kind === "Secret")) {
    for (const [key, v] of Object.entries(secret.stringData ?? {})) {
      if (developmentKeys.has(v)) problems.push({ doc: secret, text: `Secret ${secret.metadata?.name} ${key} is a development key of appsettings.json, which the host refuses outside Development` });
    }
  }
  return problems;
}

/** The compose file's hosts (the services built from the Dockerfile): their env names, their stop. */
function checkCompose(file) {
  const compose = load(file)[0];
  const problems = [];
  const hosts = Object.entries(compose.services ?? {}).filter(([, s]) => s.build);
  if (hosts.length === 0) problems.push("no service is built from the Dockerfile");
  for (const [name, service] of hosts) {
    const env = Array.isArray(service.environment)
      ? Object.fromEntries(service.environment.map((e) => e.split(/=(.*)/s)))
      : service.environment ?? {};
    for (const n of unknownEnvNames(Object.keys(env))) problems.push(`service ${name}: environment ${n} is no key of appsettings.json (${n.replaceAll("__", ":")}) nor one the host reads otherwise`);
    const stop = seconds(env.HostOptions__ShutdownTimeout ?? "00:00:20", "HostOptions__ShutdownTimeout") + Number(env.Shutdown__DrainSeconds ?? 5);
    const grace = /^(\d+)s$/.exec(service.stop_grace_period ?? "10s");
    if (!grace || !(Number(grace[1]) > stop)) problems.push(`service ${name}: stop_grace_period ${service.stop_grace_period ?? "10s (the default)"} is not longer than the host's stop (${stop} s), in whole seconds`);
  }
  return problems;
}

// ---- the run ----

let failed = false;
const fail = (file, reason) => { failed = true; console.log(`FAIL ${rel(file)}: ${reason}`); };

const k8sFiles = yamlFiles(path.join(deployDir, "k8s"));
const docsOf = new Map();
for (const file of k8sFiles) {
  try {
    const docs = await checkFile(file);
    docsOf.set(file, docs);
    console.log(`ok   ${rel(file)} (${docs.map((d) => `${d.kind} ${d.metadata?.name ?? ""}`.trim()).join(", ")})`);
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    fail(file, e.message);
  }
}

// A variant is a kustomization that no other one lists; every manifest must be applied by one.
const kustomizations = k8sFiles.filter((f) => path.basename(f) === "kustomization.yaml" && docsOf.has(f));
const listed = new Map(kustomizations.map((k) => [k, kustomizationResources(k)]));
const nested = new Set([...listed.values()].flatMap((r) => r.nested));
const variants = kustomizations.filter((k) => !nested.has(k));
const applied = new Set([...listed.values()].flatMap((r) => r.files));
for (const file of k8sFiles.filter((f) => path.basename(f) !== "kustomization.yaml" && !applied.has(f))) fail(file, "no kustomization lists it, so it is never applied");
for (const variant of variants) {
  const files = listed.get(variant).files;
  if (!files.every((f) => docsOf.has(f))) continue; // a file of it failed above
  const problems = checkVariant(files.flatMap((f) => docsOf.get(f)));
  for (const p of problems) fail(fileOf.get(p.doc), `${p.text} (variant ${rel(path.dirname(variant))})`);
  if (problems.length === 0) console.log(`ok   ${rel(path.dirname(variant))} (variant: ${files.length} files, probes, grace period, env names, references, settings file)`);
}

const composeFile = path.join(deployDir, "compose", "docker-compose.yml");
try {
  const problems = checkCompose(composeFile);
  for (const p of problems) fail(composeFile, p);
  if (problems.length === 0) console.log(`ok   ${rel(composeFile)} (hosts' environment names, stop_grace_period)`);
} catch (e) {
  if (!(e instanceof Failure)) throw e;
  fail(composeFile, e.message);
}

// The fixtures: each must fail, for the reason its "# expect:" line names.
const fixtures = yamlFiles(path.join(deployDir, "validate.fixtures"));
if (fixtures.length === 0) fail(path.join(deployDir, "validate.fixtures"), "no fixture: nothing shows that these checks can fail");
for (const fixture of fixtures) {
  const expected = [...fs.readFileSync(fixture, "utf8").matchAll(/^# expect: (.+)$/gm)].map((m) => m[1].trim());
  if (expected.length === 0) { fail(fixture, 'no "# expect: <part of the reason>" line'); continue; }
  let reasons;
  try {
    reasons = checkVariant(await checkFile(fixture)).map((p) => p.text);
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    reasons = [e.message];
  }
  const missed = expected.filter((x) => !reasons.some((r) => r.includes(x)));
  if (missed.length) fail(fixture, `the broken fixture was not refused for: ${missed.join("; ")} (refused for: ${reasons.join("; ") || "nothing"})`);
  else console.log(`ok   ${rel(fixture)} (refused, as it must be, for its ${expected.length} expected reasons)`);
}

process.exit(failed ? 1 : 0);
