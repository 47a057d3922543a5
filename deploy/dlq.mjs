// npm run dlq -- list [topic] | redrive <topic>: the dead letters of the running stack's topics
// (KAFKA_BROKERS with KAFKA_SASL_*/KAFKA_TLS, or the local broker on KAFKA_PORT as its admin).
import { Topics } from '../dist/libs/contracts/src/index.js';
import { listDeadLetters, redriveDeadLetters } from '../dist/libs/messaging/src/index.js';
import { stackKafka } from './lib/running-stack.mjs';

const USAGE = `usage: npm run dlq -- list [topic] | redrive <topic>
topics: ${Object.values(Topics).join(', ')}`;

const [command, topic] = process.argv.slice(2);
const known = Object.values(Topics);
if (!['list', 'redrive'].includes(command) || (command === 'redrive' && !topic) || (topic && !known.includes(topic))) {
  console.error(topic && !known.includes(topic) ? `unknown topic "${topic}" (give the topic, not its .dlq)\n${USAGE}` : USAGE);
  process.exit(2);
}
const settings = { ...stackKafka(), clientId: 'serapan-dlq', partitions: 1 };

/** One line per letter: where it came from, what it is, why it failed. */
const describe = (l) =>
  [
    `${l.sourceTopic}[${l.sourcePartition}]@${l.sourceOffset}`,
    `key=${l.key ?? '-'}`,
    `type=${l.type ?? '-'}`,
    `group=${l.consumerGroup ?? '-'}`,
    `at=${l.failedAt ?? '-'}`,
    ...(command === 'list' ? [l.redriven ? 'redriven' : 'waiting'] : []),
    `reason=${JSON.stringify(l.reason)}`,
  ].join('  ');

try {
  if (command === 'list') {
    for (const t of topic ? [topic] : known) {
      const letters = await listDeadLetters(settings, t);
      console.log(`${t}.dlq: ${letters.length} dead letter(s), ${letters.filter((l) => !l.redriven).length} waiting`);
      for (const letter of letters) console.log(`  ${describe(letter)}`);
    }
  } else {
    const sent = await redriveDeadLetters(settings, topic, (letters) => letters.forEach((l) => console.log(`  re-driven ${describe(l)}`)));
    console.log(`${topic}.dlq: ${sent.length} dead letter(s) re-driven to ${topic}`);
  }
} catch (error) {
  console.error(
    `dlq ${command} failed: ${error.message} (is the broker at ${settings.brokers.join(',')} running? set KAFKA_BROKERS or KAFKA_PORT, and KAFKA_SASL_* for a cluster that asks for them)`,
  );
  process.exitCode = 1;
}
