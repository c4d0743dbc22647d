import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { snsAlert } from '#functions/adapters/sns-alert.ts';
import { handlerWith } from '#functions/handlers/rollup/nightly.ts';
import type { RollupAlert, RollupDeps } from '#functions/use-cases/deps.ts';
import { lambdaContext } from './support/events.ts';

describe('the nightly rollup function', () => {
  it('tells the alarm topic which night failed and why, then fails (so the scheduler retries)', async () => {
    const alerts: RollupAlert[] = [];
    const rollups = { ministerTerms: async () => { throw new Error('the table is unreachable'); } } as unknown as RollupDeps['rollups'];
    const handler = handlerWith(() => ({ rollups, clock: { now: () => new Date('2026-11-24T17:00:00Z') }, alert: async (a) => void alerts.push(a) }));
    await expect(handler({}, lambdaContext)).rejects.toThrow('the table is unreachable');
    // 01:00 on 25 November, Beijing time: the night of the 24th.
    expect(alerts).toEqual([{ day: '2026-11-24', cause: 'the table is unreachable', recovered: false }]);
  });

  it('publishes an alert on the topic, naming the day and the cause in both languages', async () => {
    const client = new SNSClient({ region: 'cn-northwest-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const sns = mockClient(client);
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    await snsAlert('arn:aws-cn:sns:cn-northwest-1:1:alarms', client)({ day: '2026-11-24', cause: 'rollup state went negative for sessions', recovered: true });
    const [call] = sns.commandCalls(PublishCommand);
    expect(call.args[0].input).toMatchObject({ TopicArn: 'arn:aws-cn:sns:cn-northwest-1:1:alarms', Subject: 'xiajiceng: the rollup of 2026-11-24 was rebuilt' });
    expect(call.args[0].input.Message).toContain('夜间汇总 2026-11-24');
    expect(call.args[0].input.Message).toContain('rollup state went negative for sessions');
  });
});
