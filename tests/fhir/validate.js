// Reads FHIR resources, one JSON per line, from the command given as arguments (the gateway's
// fixtures), and validates each against base FHIR R4 with the npm `fhir` package: any error (an
// element R4 does not define, a wrong type or cardinality) fails; binding warnings are printed.
const { execFileSync } = require('child_process');
const { Fhir } = require('fhir');

const [command, ...args] = process.argv.slice(2);
const lines = execFileSync(command, args, { encoding: 'utf8' }).split('\n').filter((l) => l.trim());
if (lines.length === 0) {
  console.error('FAIL: no resource to validate');
  process.exit(1);
}
const fhir = new Fhir();
let failed = 0;
for (const line of lines) {
  const resource = JSON.parse(line);
  const result = fhir.validate(resource, { errorOnUnexpected: true });
  const errors = result.messages.filter((m) => m.severity === 'error');
  const where = `${resource.resourceType}/${resource.id}`;
  if (errors.length > 0) {
    failed += 1;
    console.error(`FAIL ${where}: ${JSON.stringify(errors)}`);
  } else {
    console.log(`ok ${where} (${result.messages.length} binding notes)`);
  }
}
process.exit(failed > 0 ? 1 : 0);
