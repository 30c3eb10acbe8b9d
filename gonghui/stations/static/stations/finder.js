// The finder's "use my position" button: the browser's position goes into the form, no map needed.
(function () {
  var button = document.getElementById("locate");
  if (!button) return;
  var status = document.getElementById("locate-status");
  button.addEventListener("click", function () {
    if (!navigator.geolocation) { status.textContent = button.dataset.denied; return; }
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById("lat").value = pos.coords.latitude.toFixed(6);
      document.getElementById("lon").value = pos.coords.longitude.toFixed(6);
      document.querySelector("#finder input[name=district]").value = "";
      document.getElementById("finder").submit();
    }, function () { status.textContent = button.dataset.denied; }, { timeout: 10000 });
  });
})();
