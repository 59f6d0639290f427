// The browser side of the field app: IndexedDB (the device's store and outbox), photos (downscaled and
// re-encoded here, so EXIF and location never leave the device), the signature pad, EAN scanning and
// network events. Values are JSON texts written by .NET (decimals stay exact); files are bytes.
(() => {
  'use strict';

  const dbName = 'werkbon-field';
  const stores = ['meta', 'workOrders', 'articles', 'drafts', 'outbox', 'files'];
  let opening = null;

  function open() {
    if (!opening) {
      opening = new Promise((resolve, reject) => {
        const request = indexedDB.open(dbName, 1);
        request.onupgradeneeded = () => {
          for (const name of stores) {
            if (!request.result.objectStoreNames.contains(name)) {
              request.result.createObjectStore(name);
            }
          }
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => { opening = null; reject(request.error); };
        request.onblocked = () => { opening = null; reject(new Error('IndexedDB is blocked by another tab')); };
      });
    }
    return opening;
  }

  // One transaction over the given stores; `work` issues requests and returns a function giving the result.
  async function transaction(names, mode, work) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(names, mode, { durability: 'strict' });
      const result = work(tx);
      tx.oncomplete = () => resolve(typeof result === 'function' ? result() : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
    });
  }

  const db = {
    get: (store, key) => transaction([store], 'readonly', tx => {
      const request = tx.objectStore(store).get(key);
      return () => request.result ?? null;
    }),

    getAll: (store) => transaction([store], 'readonly', tx => {
      const request = tx.objectStore(store).getAll();
      return () => request.result;
    }),

    // Several reads in one transaction: [{ store, key } (that record) | { store } (all records)].
    read: (reads) => transaction([...new Set(reads.map(r => r.store))], 'readonly', tx => {
      const requests = reads.map(r => (r.key === undefined ? tx.objectStore(r.store).getAll() : tx.objectStore(r.store).get(r.key)));
      return () => requests.map(q => q.result ?? null);
    }),

    // Several writes, all or nothing: [{ store, clear: true } | { store, key, value } | { store, key, remove: true }].
    commit: (operations) => {
      const names = [...new Set(operations.map(o => o.store))];
      return transaction(names, 'readwrite', tx => {
        for (const o of operations) {
          const store = tx.objectStore(o.store);
          if (o.clear) store.clear();
          else if (o.remove) store.delete(o.key);
          else store.put(o.value, o.key);
        }
      });
    },

    // Logout: nothing of this technician stays on the device.
    wipe: () => transaction(stores, 'readwrite', tx => { for (const name of stores) tx.objectStore(name).clear(); }),
  };

  async function sha256(bytes) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(digest, b => b.toString(16).padStart(2, '0')).join('');
  }

  async function storeFile(bytes, contentType) {
    const hash = await sha256(bytes);
    await db.commit([{ store: 'files', key: hash, value: { bytes, contentType } }]);
    return hash;
  }

  const objectUrls = new Map();

  const files = {
    // The exact bytes, for upload; .NET checks them against their hash before sending.
    get: async (hash) => {
      const file = await db.get('files', hash);
      return file ? file.bytes : null;
    },
    contentType: async (hash) => {
      const file = await db.get('files', hash);
      return file ? file.contentType : null;
    },
    has: async (hash) => (await db.get('files', hash)) !== null,
    remove: (hashes) => db.commit(hashes.map(key => ({ store: 'files', key, remove: true }))),
    show: async (img, hash) => {
      if (!img) return;
      let url = objectUrls.get(hash);
      if (!url) {
        const file = await db.get('files', hash);
        if (!file) return;
        url = URL.createObjectURL(new Blob([file.bytes], { type: file.contentType }));
        objectUrls.set(hash, url);
      }
      img.src = url;
    },
  };

  const maxSide = 1600;

  async function downscale(file) {
    // createImageBitmap applies the EXIF orientation; drawing on a canvas and encoding again keeps
    // only the pixels: no EXIF, no GPS position, no camera serial.
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff'; // a transparent PNG becomes a JPEG on white, not on black
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const blob = await new Promise((resolve, reject) =>
      canvas.toBlob(b => (b ? resolve(b) : reject(new Error('encoding failed'))), 'image/jpeg', 0.85));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const hash = await storeFile(bytes, 'image/jpeg');
    return { sha256: hash, width, height, length: bytes.length };
  }

  const photos = {
    // Every picked or taken picture, downscaled to ≤ 1600 px as JPEG and stored; answers what to sign.
    take: async (input) => {
      const taken = [];
      const errors = [];
      for (const file of Array.from(input.files || [])) {
        try {
          taken.push(await downscale(file));
        } catch (e) {
          errors.push(file.name);
        }
      }
      input.value = '';
      return JSON.stringify({ photos: taken, failed: errors });
    },
  };

  const pads = new WeakMap();

  const signature = {
    attach: (canvas) => {
      if (!canvas || pads.has(canvas)) return;
      const ratio = window.devicePixelRatio || 1;
      const rect = canvas.getBoundingClientRect();
      canvas.width = Math.round(rect.width * ratio);
      canvas.height = Math.round(rect.height * ratio);
      const context = canvas.getContext('2d');
      context.scale(ratio, ratio);
      context.lineWidth = 2.5;
      context.lineCap = 'round';
      context.lineJoin = 'round';
      context.strokeStyle = '#0a2540';
      const pad = { strokes: 0, drawing: false, last: null };
      pads.set(canvas, pad);
      const point = (e) => {
        const r = canvas.getBoundingClientRect();
        return { x: e.clientX - r.left, y: e.clientY - r.top };
      };
      canvas.addEventListener('pointerdown', e => {
        canvas.setPointerCapture(e.pointerId);
        pad.drawing = true;
        pad.last = point(e);
        e.preventDefault();
      });
      canvas.addEventListener('pointermove', e => {
        if (!pad.drawing) return;
        const p = point(e);
        context.beginPath();
        context.moveTo(pad.last.x, pad.last.y);
        context.lineTo(p.x, p.y);
        context.stroke();
        pad.last = p;
        pad.strokes++;
        e.preventDefault();
      });
      const end = () => { pad.drawing = false; };
      canvas.addEventListener('pointerup', end);
      canvas.addEventListener('pointercancel', end);
    },
    clear: (canvas) => {
      const pad = pads.get(canvas);
      if (!pad) return;
      const context = canvas.getContext('2d');
      context.save();
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, canvas.width, canvas.height);
      context.restore();
      pad.strokes = 0;
    },
    isEmpty: (canvas) => !pads.has(canvas) || pads.get(canvas).strokes < 3,
    // The signature as PNG bytes, stored by their hash.
    save: async (canvas) => {
      const blob = await new Promise((resolve, reject) =>
        canvas.toBlob(b => (b ? resolve(b) : reject(new Error('encoding failed'))), 'image/png'));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const hash = await storeFile(bytes, 'image/png');
      return JSON.stringify({ sha256: hash, length: bytes.length });
    },
  };

  let scanning = null;

  const barcode = {
    supported: () => 'BarcodeDetector' in window && !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia),
    // Resolves with the first EAN/UPC/Code 128 seen by the back camera, or null when stopped.
    scan: async (video) => {
      barcode.stop();
      const detector = new window.BarcodeDetector({ formats: ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128'] });
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      const session = { stream, stopped: false };
      scanning = session;
      video.srcObject = stream;
      await video.play();
      try {
        while (!session.stopped) {
          const codes = await detector.detect(video);
          if (codes.length > 0) return codes[0].rawValue;
          await new Promise(r => setTimeout(r, 150));
        }
        return null;
      } finally {
        session.stopped = true;
        stream.getTracks().forEach(t => t.stop());
        video.srcObject = null;
        if (scanning === session) scanning = null;
      }
    },
    stop: () => {
      if (scanning) scanning.stopped = true;
    },
  };

  const net = {
    isOnline: () => navigator.onLine,
    // Tells .NET when the network comes back or the app comes to the front, so the outbox is sent at once.
    watch: (dotnet) => {
      window.addEventListener('online', () => dotnet.invokeMethodAsync('OnNetworkChanged', true));
      window.addEventListener('offline', () => dotnet.invokeMethodAsync('OnNetworkChanged', false));
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') dotnet.invokeMethodAsync('OnNetworkChanged', navigator.onLine);
      });
    },
  };

  // A new version of the app: the new service worker installs next to the running one and waits
  // (an app mid-report must not change under the technician's hands); the app offers a reload, and
  // only that reload lets the new version take over.
  let registration = null;
  let listener = null;
  let waiting = false;
  let applying = false;

  function announce() {
    waiting = true;
    if (listener) listener.invokeMethodAsync('OnUpdateAvailable');
  }

  const updates = {
    register: (url) => {
      if (!('serviceWorker' in navigator)) return;
      navigator.serviceWorker.addEventListener('controllerchange', () => {
        if (applying) location.reload();
      });
      navigator.serviceWorker.register(url, { updateViaCache: 'none', scope: './' }).then(r => {
        registration = r;
        if (r.waiting && navigator.serviceWorker.controller) announce();
        r.addEventListener('updatefound', () => {
          const worker = r.installing;
          if (!worker) return;
          worker.addEventListener('statechange', () => {
            // With no controller this is the first install, not an update.
            if (worker.state === 'installed' && navigator.serviceWorker.controller) announce();
          });
        });
        window.addEventListener('online', () => r.update().catch(() => {}));
      }).catch(() => { /* no service worker: the app still runs online */ });
    },
    // .NET's OnUpdateAvailable is called once a new version waits (at once if it already does).
    watch: (dotnet) => {
      listener = dotnet;
      if (waiting) announce();
    },
    apply: () => {
      if (registration && registration.waiting) {
        applying = true;
        registration.waiting.postMessage('skip-waiting');
      } else {
        location.reload();
      }
    },
  };

  window.werkbon = { db, files, photos, signature, barcode, net, updates };
})();
