// One Lambda instance, as the Lambda runtime runs one: a Node process that loads the bundle once
// (the cold start) and then answers events one at a time with the same handler (warm
// invocations). Driven by its parent over IPC; its stdout is left to the handler's logs.
//   node lambda-instance.mjs <dir with lambda.js>   (fork it; see test/support/lambda.ts)
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const context = { functionName: 'order-service', awsRequestId: 'local' };
const { handler } = await import(pathToFileURL(path.join(process.argv[2], 'lambda.js')).href);

const invoke = async (event) => {
  try {
    const result = await handler(event, context);
    return { statusCode: result.statusCode, headers: result.headers, body: result.body };
  } catch (error) {
    return { statusCode: 0, body: String(error?.stack ?? error) };
  }
};

process.on('message', async (message) => {
  if (message.type === 'run') {
    const results = [];
    for (const event of message.events) results.push(await invoke(event));
    process.send({ type: 'done', results });
  } else if (message.type === 'exit') {
    process.exit(0);
  }
});

// The cold start: from the process's start (performance's time origin) to the first answer.
const first = await invoke(JSON.parse(process.env.FIRST_EVENT));
process.send({ type: 'cold', coldStartMs: performance.now(), first });
