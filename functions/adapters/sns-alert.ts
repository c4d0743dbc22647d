import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { RollupAlert } from '#functions/use-cases/deps.ts';

/**
 * A rollup alert as a message on the alarm topic, so whoever watches the alarms reads which night
 * went wrong and why (an alarm on a metric can say neither).
 */
export function snsAlert(topicArn: string, client: SNSClient = new SNSClient({})) {
  return async ({ day, cause, recovered }: RollupAlert): Promise<void> => {
    const subject = recovered ? `xiajiceng: the rollup of ${day} was rebuilt` : `xiajiceng: the rollup of ${day} failed`;
    const message = recovered
      ? `夜间汇总 ${day}：在上一日的状态上累加失败，已从全部变更重建当日数据。原因：${cause}\n`
        + `The nightly rollup of ${day} could not fold onto the previous day's state and rebuilt the day from every change instead. Cause: ${cause}`
      : `夜间汇总 ${day} 失败，之后各日将在下次运行时补算。原因：${cause}\n`
        + `The nightly rollup of ${day} failed; later nights catch it up on their next run. Cause: ${cause}`;
    await client.send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message }));
  };
}
