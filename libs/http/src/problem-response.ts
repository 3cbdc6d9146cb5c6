import type { Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemType, type Problem } from '@salle/contracts';

export function sendProblem(res: Response, problem: Omit<Problem, 'type'>, headers: Record<string, string> = {}) {
  const { requestId } = res.locals;
  res.status(problem.status);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.type(PROBLEM_CONTENT_TYPE);
  res.send(JSON.stringify({ type: problemType(problem.code), ...problem, requestId }));
}
