import { useEffect, useState } from 'react';
import type { DirectoryUser } from '../../../../shared/api/types';
import { call } from '../../api/client';

/** Active users (id, name, role) for choosing a handler; loaded when a dialog needs them. */
export function useDirectory(enabled = true): DirectoryUser[] {
  const [users, setUsers] = useState<DirectoryUser[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void call('users.directory', {}).then((res) => {
      if (live && res.ok) setUsers(res.result);
    });
    return () => {
      live = false;
    };
  }, [enabled]);
  return users;
}
