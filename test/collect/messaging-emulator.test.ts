import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { AwsContext } from '../../src/aws/context';
import { lambdaCollector } from '../../src/collect/lambda';
import { snsCollector } from '../../src/collect/sns';
import { sqsCollector } from '../../src/collect/sqs';
import type { CollectContext } from '../../src/collect/context';
import { ALL_READS } from '../../src/inventory/types';
import { startEmulator, type Emulator } from '../support/emulator';

/* The SQS, SNS and Lambda collectors over real HTTP (the SDK's serialisation of each answer), against moto. */

const MOTO_ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const credentials = async () => ({ accessKeyId: 'AKIATEST', secretAccessKey: 'test' });
let emulator: Emulator;
let aws: AwsContext;

beforeAll(async () => {
  emulator = await startEmulator();
}, 30_000);
afterAll(async () => emulator?.stop());
beforeEach(async () => {
  await emulator.reset();
  aws = new AwsContext({ endpointUrl: emulator.url, credentials });
});
afterEach(() => aws.destroy());

const context = (): CollectContext => ({ aws, accountId: MOTO_ACCOUNT, partition: 'aws', homeRegion: REGION, regions: [REGION], wants: (r) => ALL_READS.includes(r) });
const sdk = <C>(Ctor: new (config: object) => C): C => new Ctor({ region: REGION, endpoint: emulator.url, credentials });

describe('over real HTTP', () => {
  it('reads empty regions as empty, not as incomplete answers', async () => {
    expect(await sqsCollector.collect(context(), REGION)).toEqual({ queues: { ok: true, value: [] } });
    expect(await snsCollector.collect(context(), REGION)).toEqual({ topics: { ok: true, value: [] } });
    expect(await lambdaCollector.collect(context(), REGION)).toEqual({ functions: { ok: true, value: [] } });
  }, 30_000);

  it('reads queue policies and encryption settings as set', async () => {
    const sqs = sdk(SQSClient);
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Any', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:${REGION}:${MOTO_ACCOUNT}:open` }] });
    await sqs.send(new CreateQueueCommand({ QueueName: 'open', Attributes: { Policy: policy, SqsManagedSseEnabled: 'false' } }));
    await sqs.send(new CreateQueueCommand({ QueueName: 'kms', Attributes: { KmsMasterKeyId: 'alias/aws/sqs' } }));
    sqs.destroy();
    const data = await sqsCollector.collect(context(), REGION);
    const byName = Object.fromEntries((data.queues?.ok ? data.queues.value : []).map((q) => [q.name, q]));
    expect(Object.keys(byName).sort()).toEqual(['kms', 'open']);
    expect(byName.open).toMatchObject({ arn: `arn:aws:sqs:${REGION}:${MOTO_ACCOUNT}:open`, attributes: { ok: true, value: { sqsManagedSseEnabled: false } } });
    const open = byName.open?.attributes.ok ? byName.open.attributes.value : undefined;
    // The policy comes back as a document equal to the one set (whitespace may differ).
    expect(JSON.parse(open?.policy ?? 'null')).toEqual(JSON.parse(policy));
    expect(open?.kmsMasterKeyId).toBeUndefined();
    expect(byName.kms?.attributes).toMatchObject({ ok: true, value: { policy: null, kmsMasterKeyId: 'alias/aws/sqs' } });
    expect(aws.apiCalls.byOperation()).toEqual({ 'sqs:ListQueues': 1, 'sqs:GetQueueAttributes': 2 });
  }, 30_000);

  it('reads topic policies and KMS keys', async () => {
    const sns = sdk(SNSClient);
    await sns.send(new CreateTopicCommand({ Name: 'plain' }));
    await sns.send(new CreateTopicCommand({ Name: 'encrypted', Attributes: { KmsMasterKeyId: 'alias/aws/sns' } }));
    sns.destroy();
    const data = await snsCollector.collect(context(), REGION);
    const byName = Object.fromEntries((data.topics?.ok ? data.topics.value : []).map((t) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual(['encrypted', 'plain']);
    expect(byName.plain?.arn).toBe(`arn:aws:sns:${REGION}:${MOTO_ACCOUNT}:plain`);
    // Every topic has a policy (SNS writes a default one); only the encrypted one has a key.
    expect(byName.plain?.attributes.ok && typeof byName.plain.attributes.value.policy).toBe('string');
    expect(byName.plain?.attributes.ok && byName.plain.attributes.value.kmsMasterKeyId).toBeUndefined();
    expect(byName.encrypted?.attributes).toMatchObject({ ok: true, value: { kmsMasterKeyId: 'alias/aws/sns' } });
  }, 30_000);
});
