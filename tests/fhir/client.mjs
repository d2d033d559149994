// Drives the gateway's FHIR facade with a FHIR client (npm fhir-kit-client): capability, read,
// search, paging through the `next` links, and a read that fails with an OperationOutcome.
//   node client.mjs <base, e.g. http://127.0.0.1:8080/fhir> <an offre id>
import { Client } from 'fhir-kit-client';

async function main() {
  const [baseUrl, offreId] = process.argv.slice(2);
  const client = new Client({ baseUrl });
  const fail = (message) => {
    console.error(`FAIL: ${message}`);
    process.exit(1);
  };

  const capability = await client.capabilityStatement();
  if (capability.fhirVersion !== '4.0.1') fail(`capability: ${JSON.stringify(capability)}`);

  const offre = await client.read({ resourceType: 'HealthcareService', id: offreId });
  if (offre.id !== offreId) fail(`read: ${JSON.stringify(offre)}`);

  // Page by page, one resource a page, until the last: every page a searchset. The search
  // index and the gateway's copy follow the bus each at its pace: a walk may meet a hit the
  // copy does not hold yet, so it is walked again, a few times, until both agree.
  const walk = async () => {
    let bundle = await client.search({
      resourceType: 'HealthcareService',
      searchParams: { 'service-type': '01', _count: 1 },
    });
    const total = bundle.total;
    const seen = new Set();
    for (let pages = 0; bundle && pages < 20; pages += 1) {
      if (bundle.type !== 'searchset') fail(`search: ${JSON.stringify(bundle)}`);
      for (const entry of bundle.entry || []) seen.add(entry.resource.id);
      bundle = await client.nextPage({ bundle });
    }
    return { total, seen };
  };
  let { total, seen } = await walk();
  for (let tries = 0; tries < 10 && seen.size < Math.min(total, 20); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    ({ total, seen } = await walk());
  }
  if (!(total >= 2) || seen.size < Math.min(total, 20)) {
    fail(`paging: total ${total}, ${seen.size} seen`);
  }

  try {
    await client.read({ resourceType: 'HealthcareService', id: '01a23387-0000-7000-8000-000000000000' });
    fail('an unknown offre was read');
  } catch (error) {
    const outcome = error.response && error.response.data;
    if (!outcome || outcome.resourceType !== 'OperationOutcome') fail(`404: ${JSON.stringify(outcome)}`);
  }
  console.log(`fhir-kit-client: read, ${seen.size} of ${total} paged, OperationOutcome on 404`);
}

main().catch((error) => {
  console.error(`FAIL: ${error.stack || error}`);
  process.exit(1);
});
