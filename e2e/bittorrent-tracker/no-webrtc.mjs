// Stands in for webrtc-polyfill (libdatachannel), whose native module `npm ci --ignore-scripts`
// does not build. reference-client.mjs announces fake offers only, so no peer connection is made.
// Also the resolve hook that puts this module in webrtc-polyfill's place (see module.register).
export const RTCPeerConnection = undefined
export const RTCSessionDescription = undefined
export const RTCIceCandidate = undefined

export async function resolve (specifier, context, nextResolve) {
  if (specifier === 'webrtc-polyfill') return { url: import.meta.url, shortCircuit: true }
  return nextResolve(specifier, context)
}
