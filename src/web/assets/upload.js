// Shows how far a file upload has gone on the e-service forms (a step with a file, the signed
// document, an answer with a file): the form is sent as it would be without JavaScript, by XHR so that
// its progress can be told, and the page the server answers with replaces this one. Without
// JavaScript, or where XHR fails, the form is simply submitted.
;(() => {
  for (const form of document.querySelectorAll('form[enctype="multipart/form-data"][data-progress]')) {
    form.addEventListener('submit', (event) => {
      const files = [...form.querySelectorAll('input[type=file]')].some((i) => i.files && i.files.length)
      if (!files || !window.XMLHttpRequest || !window.FormData) return
      event.preventDefault()
      const bar = document.createElement('progress')
      bar.max = 100
      bar.value = 0
      bar.setAttribute('aria-label', form.dataset.progress)
      const button = form.querySelector('button[type=submit]')
      if (button) {
        button.disabled = true
        button.after(bar)
      }
      const xhr = new XMLHttpRequest()
      xhr.open('POST', form.action)
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100)
      })
      xhr.addEventListener('load', () => {
        // A redirect was followed: go where it led; else show the page the server answered with.
        if (xhr.responseURL && xhr.responseURL !== form.action && !xhr.responseURL.includes('?_csrf=')) {
          window.location.assign(xhr.responseURL)
          return
        }
        document.open()
        document.write(xhr.responseText)
        document.close()
      })
      xhr.addEventListener('error', () => form.submit())
      xhr.send(new FormData(form))
    })
  }
})()
