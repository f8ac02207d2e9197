// three.js is imported here only, and this file only by Viewer.vue, so it ships in the viewer's lazily loaded chunk.
import { Box3, Color, DirectionalLight, HemisphereLight, PerspectiveCamera, Scene, TOUCH, Vector3, WebGLRenderer } from 'three'
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js'
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js'

export interface ModelStage { dispose(): void }

/**
 * Shows a GLB on the canvas and turns it with a finger: one finger rotates, two pinch to zoom
 * (no panning, so the model cannot be lost off screen). It draws only when something changed,
 * so a model lying still costs the iPad's battery nothing.
 */
export async function showModel(canvas: HTMLCanvasElement, url: string): Promise<ModelStage> {
  const renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true })
  try {
    renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2))
    const scene = new Scene()
    scene.background = new Color(0xeef0f4)
    scene.add(new HemisphereLight(0xffffff, 0x8d939b, 2.2))
    const sun = new DirectionalLight(0xffffff, 2)
    sun.position.set(3, 6, 4)
    scene.add(sun)

    const gltf = await new GLTFLoader().loadAsync(url)
    scene.add(gltf.scene)
    const box = new Box3().setFromObject(gltf.scene)
    const centre = box.getCenter(new Vector3())
    const radius = box.getSize(new Vector3()).length() / 2 || 1

    const camera = new PerspectiveCamera(40, 1, radius / 100, radius * 20)
    camera.position.copy(centre).add(new Vector3(0.9, 0.7, 1.4).normalize().multiplyScalar(radius * 2.6))
    const controls = new OrbitControls(camera, canvas)
    controls.target.copy(centre)
    controls.enablePan = false
    controls.touches = { ONE: TOUCH.ROTATE, TWO: TOUCH.DOLLY_ROTATE }
    controls.minDistance = radius * 0.8
    controls.maxDistance = radius * 8

    const render = () => renderer.render(scene, camera)
    const fit = () => {
      const { clientWidth: width, clientHeight: height } = canvas
      if (!width || !height) return
      renderer.setSize(width, height, false)
      camera.aspect = width / height
      camera.updateProjectionMatrix()
      render()
    }
    controls.addEventListener('change', render)
    controls.update()
    const resized = new ResizeObserver(fit)
    resized.observe(canvas)
    fit()

    return {
      dispose() {
        resized.disconnect()
        controls.dispose()
        renderer.dispose()
        renderer.forceContextLoss()
      },
    }
  }
  catch (error) {
    renderer.dispose()
    throw error
  }
}
