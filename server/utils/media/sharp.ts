import sharp from 'sharp'

// Every picture is decoded once and never read again through sharp, so its cache only holds memory.
sharp.cache(false)
// The run queue already works on several runs at once; one libvips thread each keeps the server responsive.
sharp.concurrency(1)

export default sharp
