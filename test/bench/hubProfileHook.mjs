// Loaded into hub processes with NODE_OPTIONS="--import …/hubProfileHook.mjs" when the bench is
// asked to profile the hub (BENCH_PROFILE_HUB=1): samples the hub's CPU and writes a .cpuprofile on
// exit (Node 20 does not allow --cpu-prof in NODE_OPTIONS).
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_HUB_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (err, res) => {
      if (!err) fs.writeFileSync(path.join(dir, `hub-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
    });
  });
}
