// Passkeys (WebAuthn) for the forms of templates/accounts/passkey_form.html: ask the browser to create or use a
// passkey with the options the page embeds, put its answer in the form's hidden "credential" field, and submit.
// The server (mizui/accounts/passkeys.py) checks everything; this file only translates between JSON and bytes.
(function () {
  "use strict";

  function toBytes(base64url) {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
  }

  function toBase64url(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = "";
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withCredentialBytes(list) {
    return (list || []).map((c) => Object.assign({}, c, { id: toBytes(c.id) }));
  }

  function creationOptions(json) {
    return Object.assign({}, json, {
      challenge: toBytes(json.challenge),
      user: Object.assign({}, json.user, { id: toBytes(json.user.id) }),
      excludeCredentials: withCredentialBytes(json.excludeCredentials),
    });
  }

  function requestOptions(json) {
    return Object.assign({}, json, {
      challenge: toBytes(json.challenge),
      allowCredentials: withCredentialBytes(json.allowCredentials),
    });
  }

  function serialize(credential) {
    const r = credential.response;
    const response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      if (r.userHandle) response.userHandle = toBase64url(r.userHandle);
    }
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: response,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
    };
  }

  function setUp(form) {
    const status = form.querySelector("[data-passkey-status]");
    const button = form.querySelector("button[type=submit]");
    if (!window.PublicKeyCredential || !navigator.credentials) {
      status.textContent = form.dataset.passkeyUnsupported;
      button.disabled = true;
      return;
    }
    const options = JSON.parse(document.getElementById(form.dataset.passkeyOptions).textContent);
    form.addEventListener("submit", async (event) => {
      if (form.elements.credential.value) return; // the answer is in: let the form go
      event.preventDefault();
      button.disabled = true;
      status.textContent = "";
      try {
        const credential = form.dataset.passkey === "register"
          ? await navigator.credentials.create({ publicKey: creationOptions(options) })
          : await navigator.credentials.get({ publicKey: requestOptions(options) });
        form.elements.credential.value = JSON.stringify(serialize(credential));
        form.submit();
      } catch (error) {
        status.textContent = form.dataset.passkeyError;
        button.disabled = false;
      }
    });
  }

  document.querySelectorAll("form[data-passkey]").forEach(setUp);
})();
