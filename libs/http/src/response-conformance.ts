import {
  ALWAYS_POSSIBLE_REFUSALS,
  PROBLEM_CONTENT_TYPE,
  problemSchema,
  type OperationShape,
  type OperationTable,
} from '@salle/contracts';
import { operationList } from './openapi';

/** What a test client saw: enough to check it against the service's description. */
export interface ObservedResponse {
  method: string;
  /** The request's path, query string allowed. */
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

/**
 * Checks answers against a service's published description: every error is
 * problem+json with its own status, an error of a described endpoint is one
 * of its described refusals (or one every operation may answer: 400, 413,
 * 415), and a success has the described status and, for JSON, the described
 * shape. Returns what does
 * not conform, empty when all does. Test clients run it on every answer, so
 * that the description stays true wherever the tests go. Paths the
 * description does not list (health, metrics) are checked for errors only.
 */
export function responseConformance(
  operations: OperationTable | readonly OperationShape[],
): (response: ObservedResponse) => string[] {
  // Literal segments first: `/series/preview` is not `/series/:id`.
  const routes = operationList(operations)
    .map((operation) => ({
      operation,
      params: (operation.path.match(/:/g) ?? []).length,
      pattern: new RegExp(`^${operation.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
    }))
    .sort((a, b) => a.params - b.params);

  return ({ method, path, status, contentType, body }) => {
    const route = routes.find(
      ({ operation, pattern }) => operation.method === method.toLowerCase() && pattern.test(path.split('?')[0] ?? ''),
    );
    const where = `${method.toUpperCase()} ${path} answered ${status}`;
    if (status >= 400) {
      if (!contentType?.startsWith(PROBLEM_CONTENT_TYPE))
        return [`${where} as ${contentType ?? 'no content type'}, not ${PROBLEM_CONTENT_TYPE}`];
      const problem = problemSchema.safeParse(body);
      if (!problem.success) return [`${where} with a malformed problem: ${problem.error.message}`];
      if (problem.data.status !== status) return [`${where} with a problem saying status ${problem.data.status}`];
      const described = route ? [...ALWAYS_POSSIBLE_REFUSALS, ...(route.operation.refusals ?? [])] : undefined;
      return !described || described.includes(status)
        ? []
        : [`${where} (${problem.data.code}), not among its described refusals ${described.join(', ')}`];
    }
    if (!route || status >= 300) return [];
    const { success } = route.operation;
    if (status !== success.status && status !== success.alsoStatus)
      return [`${where}, described as answering ${success.status}`];
    if (!success.json) return [];
    if (!contentType?.startsWith('application/json'))
      return [`${where} as ${contentType ?? 'no content type'}, described as JSON`];
    const parsed = success.json.safeParse(body);
    return parsed.success
      ? []
      : [
          `${where} with a body the description does not allow: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`,
        ];
  };
}
