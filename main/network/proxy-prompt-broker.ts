import { proxySignInAnswerSchema, type ProxyCredentials, type ProxySignInRequest } from '../../common/proxy-sign-in';
import { AppError } from '../../common/result';
import type { ProxyCredentialsPrompt } from './proxy-sign-in';

interface Question {
  request: ProxySignInRequest;
  settle: (answer: ProxyCredentials | null) => void;
  timer: NodeJS.Timeout | null;
}

/**
 * The ProxyCredentialsPrompt the app's dialog drives: each question is published (one at a time,
 * in order) for the renderer to show; the renderer answers with `answer({ id, username, password })`
 * or `cancel(id)`. A question left unanswered for `timeoutMs` (default 5 minutes) is cancelled.
 * The password only ever travels renderer → main.
 */
export class ProxyPromptBroker {
  private readonly queue: Question[] = [];
  private nextId = 1;

  constructor(
    /** Called with the question the dialog should show now, or null when there is none. */
    private readonly publish: (request: ProxySignInRequest | null) => void,
    private readonly timeoutMs = 5 * 60_000,
  ) {}

  /** The port to give HttpRouter (`prompt`). */
  readonly prompt: ProxyCredentialsPrompt = (proxy, reason) =>
    new Promise((resolve) => {
      const request: ProxySignInRequest = { id: this.nextId++, host: proxy.host, port: proxy.port, reason };
      if (proxy.realm) request.realm = proxy.realm;
      this.queue.push({ request, settle: resolve, timer: null });
      if (this.queue.length === 1) this.show();
    });

  /** The question the dialog should show now (for a window that opens after it was published). */
  current(): ProxySignInRequest | null {
    return this.queue[0]?.request ?? null;
  }

  /** The dialog's answer: parsed (VALIDATION on bad input); false when it is not for the current question. */
  answer(input: unknown): boolean {
    const parsed = proxySignInAnswerSchema.safeParse(input);
    if (!parsed.success)
      throw new AppError('VALIDATION', parsed.error.issues[0]?.message ?? 'The sign-in was not valid.');
    const { id, username, password } = parsed.data;
    return this.settle(id, { username, password });
  }

  /** The dialog was cancelled: the sign-in fails with PROXY_AUTH_REQUIRED. False when it is not the current question. */
  cancel(id: number): boolean {
    return this.settle(id, null);
  }

  /** Cancels every question (the window closed, the app quits). */
  cancelAll(): void {
    for (const question of this.queue.splice(0)) {
      if (question.timer) clearTimeout(question.timer);
      question.settle(null);
    }
    this.publish(null);
  }

  private settle(id: number, answer: ProxyCredentials | null): boolean {
    const question = this.queue[0];
    if (!question || question.request.id !== id) return false;
    this.queue.shift();
    if (question.timer) clearTimeout(question.timer);
    question.settle(answer);
    this.show();
    return true;
  }

  private show(): void {
    const question = this.queue[0];
    if (!question) {
      this.publish(null);
      return;
    }
    question.timer = setTimeout(() => this.settle(question.request.id, null), this.timeoutMs);
    question.timer.unref();
    this.publish(question.request);
  }
}
