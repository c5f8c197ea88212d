// "My tasks" in four groups: Overdue (the server's `overdue`: not done and due before now), Today (due later
// today), Upcoming (due after today) and No date. Open tasks only; each group keeps the server's due-time order.
import type { CalendarItem } from '../../api/models.ts';
import { addDays, startOfDay } from './calendar-time.ts';

export type TaskGroupId = 'overdue' | 'today' | 'upcoming' | 'undated';
export type TaskGroup = { id: TaskGroupId; title: string; tasks: CalendarItem[] };

const TITLES: Record<TaskGroupId, string> = { overdue: 'Overdue', today: 'Today', upcoming: 'Upcoming', undated: 'No date' };

export function groupTasks(tasks: CalendarItem[], now: Date = new Date()): TaskGroup[] {
  const endOfToday = addDays(startOfDay(now), 1).getTime();
  const groups: Record<TaskGroupId, CalendarItem[]> = { overdue: [], today: [], upcoming: [], undated: [] };
  for (const task of tasks) {
    if (task.kind !== 'task' || task.done) continue;
    if (task.dueAt === null) groups.undated.push(task);
    else if (task.overdue || Date.parse(task.dueAt) < now.getTime()) groups.overdue.push(task);
    else if (Date.parse(task.dueAt) < endOfToday) groups.today.push(task);
    else groups.upcoming.push(task);
  }
  return (Object.keys(groups) as TaskGroupId[]).map((id) => ({ id, title: TITLES[id], tasks: groups[id] }));
}
