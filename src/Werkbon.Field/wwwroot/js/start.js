// Starts .NET once the shell is drawn, and watches for a new version of the app.
werkbon.shell.drawn.then(() => Blazor.start());
werkbon.updates.register('service-worker.js');
