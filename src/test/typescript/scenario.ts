// A partner's script written with the typescript-fetch client generated from the committed contract:
// it pushes events of several types (one alone, the others in batches, a correction among them), reads
// the timeline back page by page and checks every event's data is the data sent, reads the Mission
// Locale's feed, a problem detail and the indicators as JSON and CSV. Run by GeneratedTypeScriptClientScenarioTest.
import {
    ChangeFeedApi, CloudEvent, CloudEventFromJSON, Configuration, EventsApi, IndicatorsApi, PathwayEvent, PathwayEventToJSON,
    PathwaysApi, ProblemFromJSON, ResponseError,
} from '../../../target/generated-test-sources/openapi-ts';

/** Node's process and require, the little of them used here (no @types/node to install). */
declare const process: { env: Record<string, string | undefined>, exit(code: number): never };
declare function require(module: 'node:crypto'): { randomUUID(): string };
const { randomUUID } = require('node:crypto');

const env = (name: string): string => {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set`);
    }
    return value;
};
const base = env('PASSERELLE_BASE');
const departementToken = env('DEPARTEMENT_TOKEN');
const missionLocaleToken = env('MISSION_LOCALE_TOKEN');
const missionLocale = env('MISSION_LOCALE_ID');
const owner = env('DEPARTEMENT_CODE');
const config = (token: string) => new Configuration({ basePath: base, accessToken: token });
const today = new Date();
const day = today.toISOString().substring(0, 10);
const noon = `${day}T12:00:00Z`;

/** JSON with sorted keys, so that two readings of the same data compare equal. */
const canonical = (value: unknown): string => JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v);
function check(condition: boolean, message: string): asserts condition {
    if (!condition) {
        throw new Error(message);
    }
}

/** What was sent, by stored event id: the type and the data as the client wrote it. */
const sent = new Map<string, { type: string, data: string, byMissionLocale: boolean }>();

function event(pathway: string, type: string, data: object): CloudEvent {
    // Through the client's own reading, so that the envelope is the one its discriminator picks.
    return CloudEventFromJSON({
        specversion: '1.0', id: randomUUID(), source: 'urn:scenario:typescript-fetch', type: `fr.passerelle.${type}`,
        time: noon, pathwayid: pathway, data,
    });
}

async function pushAll(api: EventsApi, pathway: string, events: [string, object][], byMissionLocale: boolean): Promise<Map<string, string>> {
    const batch = events.map(([type, data]) => event(pathway, type, data));
    const report = await api.pushEventBatch({ cloudEvent: batch });
    const ids = new Map<string, string>();
    for (const receipt of report.results) {
        const [type, data] = events[receipt.index];
        check(receipt.status === 'ACCEPTED', `${type}: ${JSON.stringify(receipt.problem)}`);
        ids.set(type, receipt.eventId!);
        sent.set(receipt.eventId!, { type, data: canonical(data), byMissionLocale });
    }
    return ids;
}

function checkRead(read: PathwayEvent) {
    const json = PathwayEventToJSON(read);
    const expected = sent.get(json.id);
    if (expected) {
        check(json.type === expected.type, `${json.id} read as ${json.type}, sent as ${expected.type}`);
        check(canonical(json.data) === expected.data, `${expected.type}: read ${canonical(json.data)}, sent ${expected.data}`);
    }
    return expected !== undefined;
}

async function main() {
    const departement = new EventsApi(config(departementToken));
    const pathways = new PathwaysApi(config(departementToken));
    const birth = new Date(Date.UTC(today.getUTCFullYear() - 17, today.getUTCMonth(), 1));
    const pathway = (await pathways.registerYoungPerson({
        registrationRequest: {
            caseReference: `TS-${randomUUID()}`,
            youngPerson: { firstName: 'Alex', lastName: `Script-${randomUUID()}`, birthDate: birth },
            aseSupport: { startedOn: new Date(Date.UTC(today.getUTCFullYear() - 2, 0, 6)), placement: 'ACCUEILLI', measure: 'JUDICIAL', youngAdultContract: false },
        },
    })).id;

    const solicitation = { missionLocaleId: missionLocale };
    const receipt = await departement.pushEvent({ cloudEvent: event(pathway, 'mission-locale.solicited.v1', solicitation) });
    check(receipt.status === 'ACCEPTED', `solicitation: ${JSON.stringify(receipt)}`);
    sent.set(receipt.eventId!, { type: 'mission-locale.solicited.v1', data: canonical(solicitation), byMissionLocale: false });

    const own = await pushAll(departement, pathway, [
        ['consent.recorded.v1', {}],
        ['ase.support-changed.v1', { placement: 'A_DOMICILE', measure: 'ADMINISTRATIVE', youngAdultContract: true }],
        ['review.held.v1', { participants: ['YOUNG_PERSON', 'MISSION_LOCALE_COUNSELLOR'], missionLocaleId: missionLocale, renewal: false }],
        ['autonomy-project.recorded.v1', { kind: 'ELABORATED', joint: true, missionLocaleId: missionLocale, domains: ['HOUSING'] }],
        ['eligibility.checked.v1', { schemes: [{ scheme: 'CEJ', eligible: true }, { scheme: 'HOUSING_AID', eligible: false }] }],
        ['rights.information-given.v1', { topics: ['HEALTH'] }],
        ['fragility.assessed.v1', { criteria: [] }],
    ], false);
    await pushAll(departement, pathway, [
        ['event.corrected.v1', { eventId: own.get('rights.information-given.v1'), targetType: 'rights.information-given.v1', data: { topics: ['HEALTH', 'HOUSING'] } }],
        ['event.retracted.v1', { eventId: own.get('fragility.assessed.v1'), reason: 'DUPLICATE' }],
    ], false);
    await pushAll(new EventsApi(config(missionLocaleToken)), pathway, [
        ['mission-locale.first-contact.v1', { channel: 'VIDEO' }],
        ['mission-locale.registered.v1', { missionLocaleReference: 'TS-REF-1' }],
        ['joint-step.confirmed.v1', { eventId: own.get('review.held.v1') }],
        ['cej.proposed.v1', { decision: 'ACCEPTED' }],
        ['cej.started.v1', {}],
    ], true);

    let checked = 0;
    let cursor: string | undefined = undefined;
    do {
        const page = await pathways.getPathwayTimeline({ id: pathway, cursor, limit: 5 });
        for (const read of page.items) {
            checked += checkRead(read) ? 1 : 0;
        }
        cursor = page.nextCursor;
    } while (cursor);
    check(checked === sent.size, `the timeline holds ${checked} of the ${sent.size} events sent`);

    const feed = new ChangeFeedApi(config(missionLocaleToken));
    let ownInFeed = 0;
    let after: string | undefined = undefined;
    for (;;) {
        const page = await feed.readFeed({ after, limit: 1000 });
        if (page.items.length === 0) {
            break;
        }
        for (const entry of page.items) {
            if (entry.kind === 'EVENT' && entry.event && sent.get(PathwayEventToJSON(entry.event).id)?.byMissionLocale) {
                ownInFeed += checkRead(entry.event) ? 1 : 0;
            }
        }
        after = page.nextCursor;
    }
    check(ownInFeed === 5, `the Mission Locale's feed holds ${ownInFeed} of its 5 events`);

    try {
        await pathways.getPathway({ id: randomUUID() });
        check(false, 'a pathway that does not exist was found');
    } catch (error) {
        check(error instanceof ResponseError, `not a response error: ${error}`);
        check((error.response.headers.get('content-type') ?? '').startsWith('application/problem+json'), 'a problem detail');
        const problem = ProblemFromJSON(await error.response.json());
        check(problem.status === 404 && problem.type === 'urn:passerelle:problem:not-found', JSON.stringify(problem));
    }

    const indicators = new IndicatorsApi(config(departementToken));
    const table = await indicators.getIndicators({ year: today.getUTCFullYear() });
    check(table.code === owner, `indicators of ${table.code}`);
    const csv = await (await indicators.getIndicatorsRaw({ year: today.getUTCFullYear() }, async ({ init }) => ({ ...init, headers: { ...init.headers, Accept: 'text/csv' } }))).raw.text();
    check(csv.startsWith('year,level,code,version,indicator,measure,unit,breakdown,category,value,masked'), csv);
    console.log(`typescript-fetch scenario: ${sent.size} events pushed and read back, ${ownInFeed} in the Mission Locale's feed`);
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
