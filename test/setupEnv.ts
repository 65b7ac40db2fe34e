// n8n 2.x's default expression engine runs in isolated-vm, whose binary is built for Node 24;
// the tests run n8n-core's engine under the machine's Node with the classic engine.
process.env.N8N_EXPRESSION_ENGINE = 'legacy';
process.env.TZ = process.env.TZ ?? 'UTC';
process.env.N8N_LOG_LEVEL = 'silent';
