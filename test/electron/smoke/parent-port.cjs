// Stands in for Electron's utility-process environment under plain Node (loaded with `--require` by
// the stand-in runtime's utilityProcess.fork): process.parentPort over the child_process IPC
// channel, with messages wrapped in { data } like Electron's MessageEvent.
const { EventEmitter } = require('node:events');

const parentPort = Object.assign(new EventEmitter(), {
  postMessage(message) {
    process.send(message);
  },
});
process.parentPort = parentPort;
process.on('message', (message) => parentPort.emit('message', { data: message }));
// A utility process ends with its app; a forked Node child would outlive the stand-in runtime.
process.on('disconnect', () => process.exit(0));
