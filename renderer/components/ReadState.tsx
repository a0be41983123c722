import type { MainData } from '../data/queries';
import { ErrorNotice } from './ErrorNotice';

/** What a screen shows while its read is on the way, or why it failed with a way to try again. */
export function ReadState({ read, loadingText }: { read: MainData<unknown>; loadingText: string }) {
  if (read.loading) {
    return (
      <p aria-busy="true" className="empty-state">
        {loadingText}
      </p>
    );
  }
  if (!read.error) return null;
  return <ErrorNotice error={read.error} retry={{ run: read.retry }} />;
}
