import { AssignerProtocol } from 'kafkajs';
import { testKafka } from './kafka.js';

/** The members of a consumer group, each with the partitions of `topic` it holds. */
export async function groupAssignment(groupId: string, topic: string): Promise<number[][]> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const {
      groups: [group],
    } = await admin.describeGroups([groupId]);
    return group.members.map((member) => {
      const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      return [...(assignment?.assignment[topic] ?? [])].sort((a, b) => a - b);
    });
  } finally {
    await admin.disconnect();
  }
}
