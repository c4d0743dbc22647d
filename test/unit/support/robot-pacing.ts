import type { RobotLine } from '#functions/domain/robot-deliveries.ts';
import type { RobotBacklog, RobotBudget } from '#functions/ports/robots.ts';

/** The robots' budget and backlog in memory, as the table keeps them (repositories/robot-pacing-repository.ts). */
export function memoryPacing(): { budget: RobotBudget; backlog: RobotBacklog; posts: Map<string, number> } {
  const posts = new Map<string, number>();
  const waiting = new Map<string, Map<string, RobotLine & { since: string }>>();
  const budget: RobotBudget = {
    spent: async (region, minute) => posts.get(`${region} ${minute}`) ?? 0,
    take: async (region, minute, below) => {
      const key = `${region} ${minute}`;
      if ((posts.get(key) ?? 0) >= below) return false;
      posts.set(key, (posts.get(key) ?? 0) + 1);
      return true;
    },
  };
  const backlog: RobotBacklog = {
    add: async (region, lines, since) => {
      const mine = waiting.get(region) ?? new Map();
      for (const line of lines) if (!mine.has(line.id)) mine.set(line.id, { ...line, since });
      waiting.set(region, mine);
    },
    waiting: async (region) => (waiting.get(region)?.size ?? 0) > 0,
    claim: async (region, max) => {
      const mine = waiting.get(region) ?? new Map<string, RobotLine & { since: string }>();
      const taken = [...mine.values()].sort((a, b) => a.since.localeCompare(b.since)).slice(0, max);
      for (const line of taken) mine.delete(line.id);
      return taken.map(({ id, title, body }) => ({ id, title, body }));
    },
  };
  return { budget, backlog, posts };
}
