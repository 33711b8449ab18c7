// A run's timeline, built from GET /api/runs/{id}/history (this generation's events, in order) and the run itself (its tool-call
// record and decisions). The history names activities, not calls, so tool activities are matched to the model's calls the way
// the run schedules them: a step's calls that run, in the model's order; a retry after its back-off timer.
const MODEL = 'AgentRun_CallModel';
const TOOL = 'AgentRun_CallTool';
const COMPACT = 'AgentRun_Compact';
const NOT_RUN = new Set(['refused', 'rejected', 'unknown-tool', 'invalid-arguments', 'loop-warning']);

/** The timeline items of a run, oldest first. */
export function buildTimeline(history, run) {
  const records = run.toolCalls ?? [];
  const recordOf = (step, callId) => records.find((r) => r.step === step && r.callId === callId) ?? null;
  const pending = new Set((run.customStatus?.pendingApprovals ?? []).map((p) => p.callId));
  const subRuns = new Set(history.filter((e) => e.kind === 'SubOrchestrationInstanceCreated').map((e) => e.details?.instanceId));
  const items = [];
  const tasks = new Map();
  const timers = new Map();
  let step = 0;
  let queue = [];
  let retries = [];
  let failed = [];
  let lastToolScheduled = null;
  let approval = null;
  let modelAttempt = 0;

  for (const e of history) {
    const d = e.details ?? {};
    const at = e.timestamp;
    if (e.kind !== 'TimerCreated' && e.kind !== 'OrchestratorCompleted') lastToolScheduled = null;
    switch (e.kind) {
      case 'OrchestratorStarted':
        failed = [];
        break;
      case 'OrchestratorCompleted':
        break;
      case 'ExecutionStarted': {
        const continuation = d.input?.continuation;
        step = continuation?.step ?? 0;
        items.push({ type: 'start', at, agent: d.input?.agent, goal: d.input?.goal, depth: d.input?.depth ?? 0, generation: continuation?.generation ?? 0, step,
          parent: d.parentInstance?.orchestrationInstance?.instanceId ?? null });
        break;
      }
      case 'TaskScheduled': {
        approval = null;
        if (d.name === MODEL) {
          const item = { type: 'model', at, step: step + 1, attempt: ++modelAttempt, state: 'running' };
          tasks.set(d.eventId, item);
          items.push(item);
        } else if (d.name === TOOL) {
          const retry = retries.shift();
          const call = retry ?? queue.shift() ?? null;
          if (call) call.attempts = (call.attempts ?? 0) + 1;
          const item = { type: 'tool', at, call, attempt: call?.attempts ?? 1, state: 'running' };
          tasks.set(d.eventId, item);
          items.push(item);
          lastToolScheduled = item;
        } else {
          const item = { type: d.name === COMPACT ? 'compact' : 'activity', at, name: d.name, state: 'running' };
          tasks.set(d.eventId, item);
          items.push(item);
        }
        break;
      }
      case 'TaskCompleted': {
        const item = tasks.get(d.taskScheduledId);
        if (!item) break;
        Object.assign(item, { state: 'done', doneAt: at, result: d.result });
        if (item.type === 'model') {
          step = item.step;
          modelAttempt = 0;
          item.calls = (d.result?.toolCalls ?? []).map((c, index) => {
            const record = recordOf(item.step, c.callId);
            const subRun = `${run.id}:s${item.step}.${index}`;
            return { ...c, index, step: item.step, record, subRun: subRuns.has(subRun) ? subRun : null, awaiting: pending.has(c.callId) && !record };
          });
          queue = item.calls.filter((c) => !c.subRun && !NOT_RUN.has(c.record?.status));
        }
        break;
      }
      case 'TaskFailed': {
        const item = tasks.get(d.taskScheduledId);
        if (!item) break;
        Object.assign(item, { state: 'failed', doneAt: at, error: d.failureDetails?.errorMessage ?? d.reason ?? 'failed' });
        failed.push(item);
        break;
      }
      case 'TimerCreated': {
        if (lastToolScheduled) {
          // WithTimeout: the deadline of the tool call scheduled just before, in the same episode.
          lastToolScheduled.timeoutAt = d.fireAt;
          timers.set(d.eventId, { kind: 'timeout', item: lastToolScheduled });
          lastToolScheduled = null;
        } else if (failed.length > 0) {
          const of = failed.shift();
          const item = { type: 'retry', at, fireAt: d.fireAt, of };
          timers.set(d.eventId, { kind: 'retry', item });
          items.push(item);
        } else {
          approval = { type: 'approval', at, deadline: d.fireAt, decisions: [], calls: lastModel(items)?.calls ?? [] };
          timers.set(d.eventId, { kind: 'approval', item: approval });
          items.push(approval);
        }
        break;
      }
      case 'TimerFired': {
        const timer = timers.get(d.timerId);
        if (timer?.kind === 'timeout' && timer.item.state === 'running') Object.assign(timer.item, { state: 'timeout', doneAt: at });
        else if (timer?.kind === 'approval') timer.item.timedOut = at;
        else if (timer?.kind === 'retry' && timer.item.of.type === 'tool' && timer.item.of.call) retries.push(timer.item.of.call);
        break;
      }
      case 'EventRaised': {
        if (d.name === 'approval') {
          if (!approval) {
            // An escalated wait has no timer: the decision is the first sign of it.
            approval = { type: 'approval', at, deadline: null, decisions: [], calls: lastModel(items)?.calls ?? [] };
            items.push(approval);
          }
          const decision = { ...(d.input ?? {}), at };
          approval.decisions.push(decision);
          if (decision.approved === false) queue = queue.filter((c) => !(decision.callIds ?? []).includes(c.callId));
        } else {
          items.push({ type: 'event', at, name: d.name, input: d.input });
        }
        break;
      }
      case 'SubOrchestrationInstanceCreated': {
        const item = { type: 'sub', at, instanceId: d.instanceId, agent: d.input?.agent, goal: d.input?.goal, state: 'running' };
        tasks.set(d.eventId, item);
        items.push(item);
        break;
      }
      case 'SubOrchestrationInstanceCompleted':
      case 'SubOrchestrationInstanceFailed': {
        const item = tasks.get(d.taskScheduledId);
        if (item) Object.assign(item, { state: e.kind.endsWith('Completed') ? 'done' : 'failed', doneAt: at, result: d.result, error: d.failureDetails?.errorMessage });
        break;
      }
      case 'ExecutionCompleted':
        items.push({ type: 'end', at, status: d.orchestrationStatus, result: d.result, error: d.failureDetails?.errorMessage });
        break;
      case 'ExecutionTerminated':
        items.push({ type: 'control', at, label: 'Terminated', reason: d.input });
        break;
      case 'ExecutionSuspended':
        items.push({ type: 'control', at, label: 'Suspended', reason: d.reason });
        break;
      case 'ExecutionResumed':
        items.push({ type: 'control', at, label: 'Resumed', reason: d.reason });
        break;
      default:
        items.push({ type: 'other', at, kind: e.kind, details: d });
    }
  }
  return items;
}

function lastModel(items) {
  for (let i = items.length - 1; i >= 0; i--) if (items[i].type === 'model') return items[i];
  return null;
}
