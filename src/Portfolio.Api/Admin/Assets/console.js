// Enhancement only: every form works without this script. A file dropped on a .dropzone fills its
// file input, and the chosen image is previewed with its size checked before it is sent.
"use strict";
document.querySelectorAll(".dropzone").forEach((zone) => {
  const input = zone.querySelector("input[type=file]");
  const maxBytes = Number(zone.dataset.maxBytes);
  const preview = document.createElement("img");
  preview.className = "preview";
  preview.alt = "";
  preview.hidden = true;
  zone.append(preview);

  const show = () => {
    const file = input.files[0];
    input.setCustomValidity(file && file.size > maxBytes ? zone.dataset.tooLarge : "");
    input.reportValidity();
    if (preview.src) URL.revokeObjectURL(preview.src);
    preview.hidden = !file;
    if (file) preview.src = URL.createObjectURL(file);
  };

  input.addEventListener("change", show);
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    if (event.dataTransfer.files.length > 0) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
});
